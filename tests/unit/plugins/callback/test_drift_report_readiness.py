"""The drift report callback: phones whose line 1 would not register with Lync (drift.yml's lync_readiness findings), and the
report's mode when a play declares check mode (outside review N8)."""
import json
import os

import jsonschema

from ansible_collections.polycom.uc.plugins.callback.drift_report import CallbackModule, readiness_entry

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))))


class Play(object):
    def __init__(self, variables):
        self.vars = variables


def validate(report):
    with open(os.path.join(ROOT, 'docs', 'drift-report.schema.json')) as handle:
        jsonschema.Draft202012Validator(json.load(handle)).validate(report)


def test_each_reason_is_an_item_naming_the_phones_it_concerns():
    entry = readiness_entry('Phones whose line 1 ...', 'ansible.builtin.debug', None, {
        'phones': 10000, 'not_ready': 12, 'phones_not_ready': ['0004f2e0a5%02d' % n for n in range(10)],
        'reasons': {'transport TCPOnly; Lync needs TLS': 11, 'no reg.1.auth.password=secret': 1}})
    assert [i['before'] for i in entry['items']] == ['no reg.1.auth.password=<masked>', 'transport TCPOnly; Lync needs TLS']
    assert entry['items'][1]['source'].startswith('11 phone(s); all not ready: 12 of 10000 phones: 0004f2e0a500, ')
    assert entry['items'][1]['source'].endswith('0004f2e0a509, ...')
    assert set(i['cause'] for i in entry['items']) == {'not_lync_ready'} and entry['kind'] == 'settings'


def test_a_phone_among_several_points_at_the_share_for_the_reasons():
    entry = readiness_entry('t', 'ansible.builtin.debug', None, {'phones': 1, 'not_ready': 1, 'phones_not_ready': ['0004f2e0a501'],
                                                                 'reasons_at': 'share'})
    assert entry['items'] == [dict(path='line 1', before='not ready for Lync (the reasons of all such phones are on share)',
                                   after='registers with Lync', cause='not_lync_ready', source='1 of 1 phones: 0004f2e0a501')]


def test_readiness_is_drift_of_its_host_in_the_json_and_the_markdown():
    callback = CallbackModule()
    callback.playbooks = ['drift.yml']
    share = callback.host('share')
    share['tasks'] = 1
    share['changes'].append(readiness_entry('Readiness', 'ansible.builtin.debug', None, {
        'phones': 8, 'not_ready': 1, 'phones_not_ready': ['0004f2e0a501'], 'reasons': {'transport TCPOnly; Lync needs TLS': 1}}))
    report = callback.report()
    validate(report)
    assert report['hosts'][0]['status'] == 'drift' and report['summary']['hosts_with_drift'] == 1
    text = CallbackModule.markdown(report)
    assert '  | Line | Would not register because | Phones |' in text
    assert '  | line 1 | transport TCPOnly; Lync needs TLS | 1 of 8 phones: 0004f2e0a501 |' in text


def test_a_play_that_declares_check_mode_makes_a_check_mode_report_even_when_every_host_failed():
    callback = CallbackModule()
    failed = callback.host('pano-1')
    failed['errors'].append(dict(task='Read the Pano', action='polycom.uc.pano_info', kind='failed', message='login refused'))
    assert callback.report()['check_mode'] is False, 'no --check, no check-mode task seen, nothing declared'
    callback.v2_playbook_on_play_start(Play({'polycom_drift_report_check_mode': 'true'}))
    report = callback.report()
    assert report['check_mode'] is True and report['summary']['hosts_failed'] == 1
    assert CallbackModule.markdown(report).splitlines()[2].startswith('Check-mode run of')


def test_a_play_without_the_declaration_leaves_the_mode_to_what_the_tasks_show():
    callback = CallbackModule()
    callback.v2_playbook_on_play_start(Play({'polycom_drift_report_check_mode': False, 'other': 1}))
    callback.v2_playbook_on_play_start(Play({}))
    assert callback.report()['check_mode'] is False
