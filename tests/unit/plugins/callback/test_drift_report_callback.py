"""The drift report callback without a playbook: masking, change entries, the report, Markdown, the schema."""
import json
import os

import jsonschema
import pytest

from ansible_collections.polycom.uc.plugins.callback import drift_report
from ansible_collections.polycom.uc.plugins.callback.drift_report import (
    CallbackModule, change_entry, mask_text, mask_value, setting_items,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


def schema_validator():
    with open(os.path.join(ROOT, 'docs', 'drift-report.schema.json')) as handle:
        schema = json.load(handle)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize('path, value, shown', [
    ('local_account.password', 'Pw-1', '<masked>'),
    ('cloud.password', '<masked: will change>', '<masked: will change>'),
    ('device.sec.configEncryption.key', 'abcdef', '<masked>'),
    ('reg.1.auth.password', '', '<masked>'),
    ('device.auth.localAdminPassword', '1234', '<masked>'),
    ('general.room_name', 'Huddle', 'Huddle'),
    ('monitor.mode', 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER', '<masked>'),
    ('network.dns_servers', ['192.0.2.53'], ['192.0.2.53']),
    ('keyboard.layout', 'de', 'de'),
    ('general.room_name', None, None),
])
def test_mask_value(path, value, shown):
    assert mask_value(path, value) == shown


def test_mask_text_masks_secret_assignments_in_every_style():
    text = ('<reg reg.1.auth.password="S3cret" reg.1.address="sip:a@example.com" device.sec.configEncryption.key=\'k\'/>\n'
            'proxy_password: hunter2\nAPI_TOKEN=tok-1 user=bob\nsec.srtp.key = abc\n')
    masked = mask_text(text)
    for secret in ('S3cret', "'k'", 'hunter2', 'tok-1', 'abc'):
        assert secret not in masked
    assert 'reg.1.auth.password="<masked>"' in masked and "configEncryption.key='<masked>'" in masked
    assert 'reg.1.address="sip:a@example.com"' in masked and 'user=bob' in masked


def test_settings_result_becomes_items_in_the_order_of_changes():
    result = dict(changed=True, changes=['network.icmp_rate_limit', 'general.room_name', 'local_account.password'],
                  before={'general': {'room_name': 'A'}, 'network': {'icmp_rate_limit': 900}, 'local_account': {'password': '<masked>'}},
                  after={'general': {'room_name': 'B'}, 'network': {'icmp_rate_limit': 500},
                         'local_account': {'password': '<masked: will change>'}})
    entry = change_entry('t', 'polycom.uc.pano_settings', 'polycom.uc.pano', result)
    assert entry['kind'] == 'settings' and entry['diffs'] == []
    assert [i['path'] for i in entry['items']] == result['changes']
    assert entry['items'][2] == {'path': 'local_account.password', 'before': '<masked>', 'after': '<masked: will change>'}


def test_file_diffs_are_unified_and_masked():
    diff = {'before': 'a="1"\nreg.1.auth.password="old"\n', 'after': 'a="2"\nreg.1.auth.password="new"\n',
            'before_header': '/srv/share/0004f2000001.cfg', 'after_header': '/srv/share/0004f2000001.cfg'}
    entry = change_entry('write', 'polycom.uc.ucs_files', None, dict(changed=True, diff=[diff]))
    assert entry['kind'] == 'file' and entry['diffs'][0]['path'] == '/srv/share/0004f2000001.cfg'
    text = entry['diffs'][0]['diff']
    assert '-a="1"' in text and '+a="2"' in text and 'old' not in text and 'new' not in text


def test_dict_diffs_become_items_and_no_log_results_stay_hidden():
    entry = change_entry('t', 'x', None, dict(changed=True, diff={'before': {'a': {'b': 1}}, 'after': {'a': {'b': 2}, 'token': 'x'}}))
    assert entry['kind'] == 'settings'
    assert entry['items'] == [{'path': 'a.b', 'before': 1, 'after': 2}, {'path': 'token', 'before': None, 'after': '<masked>'}]
    hidden = change_entry('t', 'x', None, dict(changed=True, censored='the output has been hidden', diff={'before': 's', 'after': 'S'}))
    assert hidden['kind'] == 'hidden' and hidden['items'] == [] and hidden['diffs'] == []


def test_setting_items_without_a_change_list_compare_the_flattened_values():
    assert setting_items({'a': {'x': 1, 'y': 2}}, {'a': {'x': 1, 'y': 3}}) == [{'path': 'a.y', 'before': 2, 'after': 3}]


def synthetic_report():
    callback = CallbackModule()
    callback.playbooks = ['drift.yml']
    pano = callback.host('pano-1')
    pano['tasks'] = 3
    pano['device'] = dict(family='pano', model='Polycom Pano', serial='X', mac_address='00e0db000001', firmware_version='1.0.0.46')
    pano['firmware'].append(dict(status='below_minimum', family='pano', model='Polycom Pano', serial='X', mac_address='00e0db000001',
                                 actual='1.0.0.46', rule='minimum', expected='1.1.2', baseline='pano',
                                 message='runs 1.0.0.46, baseline minimum 1.1.2 (pano)'))
    pano['changes'].append(change_entry('Apply | settings', 'polycom.uc.pano_settings', 'polycom.uc.pano', dict(
        changed=True, changes=['general.room_name'], before={'general': {'room_name': 'A|B'}}, after={'general': {'room_name': 'C'}})))
    pano['changes'].append(change_entry('secret', 'x', None, dict(changed=True, censored='hidden')))
    phone = callback.host('vvx-1')
    phone['tasks'] = 1
    phone['errors'].append(dict(task='Read', action='polycom.uc.ucs_phone_info', kind='failed', message='answers 404'))
    callback.host('localhost')['tasks'] = 0  # only set_stats: left out
    ok = callback.host('gs-1')
    ok['tasks'] = 2
    return callback.report()


def test_report_statuses_summary_and_schema():
    report = synthetic_report()
    schema_validator().validate(report)
    assert [h['name'] for h in report['hosts']] == ['gs-1', 'pano-1', 'vvx-1']
    assert [h['status'] for h in report['hosts']] == ['ok', 'drift', 'failed']
    assert report['summary'] == dict(hosts=3, hosts_with_drift=1, hosts_failed=1, changes=2, firmware_drift=1, drift=True)


def test_markdown_escapes_table_cells_and_lists_each_finding():
    text = CallbackModule.markdown(synthetic_report())
    assert '| general.room_name | `A\\|B` | `C` |' in text
    assert '- Firmware **below_minimum** (Polycom Pano 00e0db000001): runs 1.0.0.46, baseline minimum 1.1.2 (pano)' in text
    assert '- **failed** in `Read`: answers 404' in text and 'details hidden (no_log)' in text
    assert '| pano-1 | **drift** | Polycom Pano | 1.0.0.46 (below_minimum) | 2 |' in text
    assert '## gs-1' not in text, 'hosts without findings get no section'


@pytest.mark.parametrize('mutate', [
    lambda r: r.update(schema_version=1),
    lambda r: r['hosts'][1].update(status='drifting'),
    lambda r: r['hosts'][1]['firmware'][0].update(status='too_old'),
    lambda r: r['hosts'][1]['changes'][0].update(kind='setting'),
    lambda r: r['summary'].pop('drift'),
    lambda r: r['hosts'][0].update(extra=1),
])
def test_the_schema_rejects_what_the_callback_never_writes(mutate):
    report = synthetic_report()
    mutate(report)
    assert list(schema_validator().iter_errors(report))


def test_the_schema_states_the_version_the_callback_writes():
    with open(os.path.join(ROOT, 'docs', 'drift-report.schema.json')) as handle:
        assert json.load(handle)['properties']['schema_version']['const'] == drift_report.SCHEMA_VERSION
