"""Every firmware finding of the drift report names the command or playbook that fixes it (issue 12)."""
import json
import os

import jsonschema

from ansible_collections.polycom.uc.plugins.module_utils.drift_report import host_firmware, markdown, summarize
from ansible_collections.polycom.uc.plugins.module_utils.firmware import firmware_groups, firmware_status, fix_for

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
BASELINE = {'phone': {'minimum': '5.4'}, 'pano': {'exact': '1.1.2'}, 'group_series': {'minimum': '6.2.2'}}


def test_each_family_has_its_fix():
    assert fix_for('phone', 'below_minimum', '5.4') == (
        'ansible-playbook polycom.uc.firmware -e firmware_version=5.4 -e firmware_package=<UC Software package> '
        '(staged: firmware_pilot first; docs/firmware.md)')
    assert fix_for('pano', 'not_exact', '1.1.2', '1.0.0.46').startswith('polycom.uc.pano_maintenance action=update_software version=1.1.2')
    assert fix_for('pano', 'not_exact', '1.1.2', '1.2.0').startswith('no command installs an older Pano build')
    assert fix_for('group_series', 'below_minimum', '6.2.2').startswith('not supported by polycom.uc')
    assert 'group_series_info minimum_version=6.2.2' in fix_for('group_series', 'below_minimum', '6.2.2')
    assert 'polycom_firmware_baseline' in fix_for('phone', 'unknown_model', None)
    assert 'facts module' in fix_for('pano', 'unknown_version', '1.1.2')
    assert fix_for('phone', 'ok', '5.4') is None


def host(name, singles=(), grouped=()):
    firmware, groups, counts = host_firmware(list(singles), list(grouped))
    return dict(name=name, status=None, device=None, firmware=firmware, firmware_groups=groups, firmware_counts=counts, changes=[], errors=[])


def test_the_report_names_the_fix_of_single_devices_and_of_groups_in_json_and_markdown():
    pano = firmware_status(dict(family='pano', model='Polycom Pano', serial='A1', firmware_version='1.0.0.46'), BASELINE)
    video = firmware_status(dict(family='group_series', model='Group 500', serial='G1', firmware_version='6.1.1'), BASELINE)
    phones = [dict(family='phone', model='VVX 500', mac_address='0004f2%06x' % i, firmware_version=('4.0.1', '5.9.7')[i % 2])
              for i in range(4)]
    hosts = [host('pano1', [pano]), host('gs', [video]), host('share', grouped=firmware_groups(phones, BASELINE))]
    for entry in hosts:
        entry['status'] = 'drift'
    report = dict(schema_version=2, generated_at='2026-12-01T00:00:00Z', playbooks=['drift.yml'], check_mode=True, hosts=hosts,
                  summary=summarize(hosts))
    assert hosts[0]['firmware'][0]['fix'].startswith('polycom.uc.pano_maintenance action=update_software version=1.1.2')
    assert hosts[1]['firmware'][0]['fix'].startswith('not supported by polycom.uc')
    assert all(f['fix'].startswith('ansible-playbook polycom.uc.firmware') for f in hosts[2]['firmware'])
    off = [g for g in hosts[2]['firmware_groups'] if g['status'] != 'ok']
    assert [g['fix'] for g in off] == [fix_for('phone', 'below_minimum', '5.4')]
    assert [g['fix'] for g in hosts[2]['firmware_groups'] if g['status'] == 'ok'] == [None]
    text = markdown(report)
    assert 'Fix: `polycom.uc.pano_maintenance action=update_software version=1.1.2' in text
    assert 'Fix: `not supported by polycom.uc' in text
    assert text.count('Fix: `ansible-playbook polycom.uc.firmware -e firmware_version=5.4') == 1
    with open(os.path.join(ROOT, 'docs', 'drift-report.schema.json')) as handle:
        schema = json.load(handle)
    for entry in hosts:
        for finding in entry['firmware']:
            jsonschema.validate(finding, dict(schema['$defs']['firmware'], **{'$defs': schema['$defs']}))
        for group in entry['firmware_groups']:
            jsonschema.validate(group, dict(schema['$defs']['firmware_group'], **{'$defs': schema['$defs']}))
