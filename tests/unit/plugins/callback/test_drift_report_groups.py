"""The drift report of a share's phones: firmware groups from ucs_share_info expanded in the JSON, grouped in the Markdown."""
import json
import os

import jsonschema

from ansible_collections.polycom.uc.plugins.callback.drift_report import CallbackModule
from ansible_collections.polycom.uc.plugins.module_utils.firmware import firmware_groups, firmware_status

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))
BASELINE = {'phone': {'minimum': '5.4', 'models': {'VVX 500': {'exact': '5.9.7'}}}, 'pano': {'minimum': '1.1.2'}}
VERSIONS = {'VVX500': ('5.9.7.3480', '4.0.1.13681', '5.8.0.12345'), 'SPIP650': ('5.5.0', '4.0.1.13681', '5.3.9')}


class Host(object):
    def __init__(self, name):
        self.name = name

    def get_name(self):
        return self.name


class Task(object):
    loop = None
    check_mode = True
    _role = None

    def __init__(self, name, action):
        self.name, self.action, self.resolved_action = name, action, action

    def get_name(self):
        return self.name


class Result(object):
    def __init__(self, host, task, action, result):
        self._host, self._task, self._result = Host(host), Task(task, action), result


def devices(count):
    found = []
    for index in range(count):
        model = ('VVX500', 'SPIP650')[index % 2]
        found.append(dict(family='phone', model=model, mac_address='0004f2%06x' % index, firmware_version=VERSIONS[model][index % 3]))
    return found


def run(count=3000, singles=()):
    """A callback that saw a share's ucs_share_info result with firmware groups, and single firmware_check results."""
    callback = CallbackModule()
    callback.playbooks = ['drift.yml']
    phones = devices(count)
    callback.v2_runner_on_ok(Result('share', 'Compare', 'polycom.uc.ucs_share_info', dict(
        changed=False, summary={'phones': count}, firmware_groups=firmware_groups(phones, BASELINE))))
    for host, device in singles:
        callback.v2_runner_on_ok(Result(host, 'Read', 'polycom.uc.pano_info', dict(changed=False, device=device)))
        callback.v2_runner_on_ok(Result(host, 'Compare', 'polycom.uc.firmware_check', dict(changed=False, firmware=firmware_status(device, BASELINE))))
    return callback, phones


def validator():
    with open(os.path.join(ROOT, 'docs', 'drift-report.schema.json')) as handle:
        return jsonschema.Draft202012Validator(json.load(handle))


def test_the_json_lists_every_phone_off_the_baseline_and_counts_the_rest():
    pano = dict(family='pano', model='Polycom Pano', serial='8217', mac_address='00e0db000001', firmware_version='1.0.0.46')
    callback, phones = run(3000, singles=[('pano-1', pano)])
    report = callback.report()
    validator().validate(report)
    share = [h for h in report['hosts'] if h['name'] == 'share'][0]
    expected = [firmware_status(d, BASELINE) for d in phones]
    off = sorted((f['mac_address'], f['model'], f['actual'], f['status'], f['expected'], f['rule'], f['baseline'], f['message'])
                 for f in expected if f['status'] != 'ok')
    assert sorted((f['mac_address'], f['model'], f['actual'], f['status'], f['expected'], f['rule'], f['baseline'], f['message'])
                  for f in share['firmware']) == off
    assert len(off) == 2000
    assert share['firmware_counts'] == dict(ok=1000, below_minimum=1000, not_exact=1000, unknown_model=0, unknown_version=0)
    assert share['status'] == 'drift' and share['device'] is None
    assert sum(g['count'] for g in share['firmware_groups']) == 3000 and all(len(g['examples']) == 5 for g in share['firmware_groups'])
    assert report['summary']['firmware_drift'] == 2001 and report['summary']['hosts_with_drift'] == 2
    # a single device (firmware_check) is reported as before
    single = [h for h in report['hosts'] if h['name'] == 'pano-1'][0]
    assert [f['status'] for f in single['firmware']] == ['below_minimum'] and single['firmware'][0]['serial'] == '8217'
    assert single['firmware_counts']['below_minimum'] == 1 and single['firmware_groups'][0]['examples'] == ['00e0db000001']


def test_the_markdown_groups_the_phones_and_stays_short():
    pano = dict(family='pano', model='Polycom Pano', serial='8217', mac_address='00e0db000001', firmware_version='1.0.0.46')
    callback, dummy = run(10000, singles=[('pano-1', pano)])
    text = CallbackModule.markdown(callback.report())
    assert '| share | **drift** | SPIP650, VVX500 | 10000 devices: 3333 below_minimum, 3333 not_exact, 3334 ok | 0 |' in text
    assert '- Firmware off the baseline on **6666 of 10000 devices** (3334 ok):' in text
    assert '  | Model | Version | Status | Baseline | Devices | For example |' in text
    assert ('  | SPIP650 | 4.0.1.13681 | **below_minimum** | minimum 5.4 (phone) | 1667 | '
            '0004f2000001, 0004f2000007, 0004f200000d, 0004f2000013, 0004f2000019 … |') in text
    assert '| VVX500 | 5.8.0.12345 | **not_exact** | exact 5.9.7 (phone.models.VVX 500) | 1667 |' in text
    assert '| VVX500 | 5.9.7.3480 |' not in text, 'phones on the baseline are counted, not listed'
    assert '- Firmware **below_minimum** (Polycom Pano 00e0db000001): runs 1.0.0.46, baseline minimum 1.1.2 (pano)' in text
    assert '| pano-1 | **drift** | Polycom Pano | 1.0.0.46 (below_minimum) | 0 |' in text
    assert len(text) < 5000


def test_many_groups_are_cut_in_the_markdown_but_not_in_the_json():
    callback = CallbackModule()
    phones = [dict(family='phone', model='VVX500', mac_address='0004f2%06x' % i, firmware_version='4.0.%d' % i) for i in range(80)]
    callback.v2_runner_on_ok(Result('share', 'Compare', 'polycom.uc.ucs_share_info', dict(firmware_groups=firmware_groups(phones, BASELINE))))
    report = callback.report()
    validator().validate(report)
    text = CallbackModule.markdown(report)
    assert text.count('**not_exact** |') == 50 and '30 more groups in drift-report.json' in text
    assert len(report['hosts'][0]['firmware']) == 80


def test_a_share_without_logs_has_no_firmware_and_no_drift():
    callback = CallbackModule()
    callback.v2_runner_on_ok(Result('share', 'Compare', 'polycom.uc.ucs_share_info', dict(firmware_groups=[], summary={'phones': 6})))
    report = callback.report()
    validator().validate(report)
    assert report['hosts'][0]['status'] == 'ok' and report['hosts'][0]['firmware'] == []
    assert '| share | ok |  |  | 0 |' in CallbackModule.markdown(report)
