"""group_series_config's input checks and views, without a device: the table and run in group_series.py."""
import pytest

from ansible_collections.polycom.uc.plugins.module_utils.group_series import GS_SETTINGS, ConfigRun
from ansible_collections.polycom.uc.plugins.module_utils.polycom_api import ApiError
from ansible_collections.polycom.uc.plugins.module_utils.settings import SettingsDiff


def params(**options):
    base = dict(system_name=None, monitor_profiles=None, dual_monitor=None, config={})
    base.update(options)
    return base


def test_guide_words_become_command_values_and_everything_is_checked_before_any_connection():
    run = ConfigRun(params(system_name='Room 4', monitor_profiles={'monitor1': 'Far, then Near', 'monitor2': None},
                           dual_monitor=False, config={'system.network.hostname': 'gs-4', 'a.flag': True, 'a.num': 5}))
    assert run.problems == []
    assert run.want == {'system_name': 'Room 4', 'monitor1': 'near-or-far', 'dual_monitor': 'false',
                        'config.system.network.hostname': 'gs-4', 'config.a.flag': 'true', 'config.a.num': '5'}
    assert run.channel_want == {'system_name': 'Room 4', 'monitor1': 'near-or-far', 'dual_monitor': 'false'}
    assert run.rest_want == {'system.network.hostname': 'gs-4', 'a.flag': 'true', 'a.num': '5'}
    diff = SettingsDiff(run.table, {'system_name': 'Room 4', 'monitor1': 'near', 'dual_monitor': 'true',
                                    'config.system.network.hostname': 'gs-4', 'config.a.flag': 'true', 'config.a.num': '5'}, run.want)
    assert diff.after == {'system_name': 'Room 4', 'monitor_profiles': {'monitor1': 'near-or-far'}, 'dual_monitor': False,
                          'config': {'system.network.hostname': 'gs-4', 'a.flag': 'true', 'a.num': '5'}}
    assert diff.before['monitor_profiles'] == {'monitor1': 'near'} and diff.before['dual_monitor'] is True
    assert diff.changed_paths == ['dual_monitor', 'monitor_profiles.monitor1']


def test_every_problem_names_its_field_and_what_is_allowed():
    run = ConfigRun(params(system_name='', monitor_profiles={'monitor2': 'near then far'},
                           config={'bad name': 'x', 'ok.name': {'nested': 1}}))
    text = '\n'.join(run.problems)
    assert 'system_name: must be 1 to 64 characters' in text
    assert 'monitor_profiles.monitor2' in text and '"Content, then Far" (content-or-far)' in text
    assert "config: 'bad name' is not a variable name" in text
    assert 'config.ok.name: must be a string, number or boolean, got dict' in text
    assert len(run.problems) == 4


def test_the_argument_spec_comes_from_the_table():
    assert GS_SETTINGS.argument_spec() == dict(
        system_name=dict(type='str'), dual_monitor=dict(type='bool'),
        monitor_profiles=dict(type='dict', options=dict(monitor1=dict(type='str'), monitor2=dict(type='str'))))


class FakeSession(object):
    """Answers every write and shows ``shown`` afterwards (a system that accepts but does not apply)."""

    def __init__(self, shown):
        self.shown, self.sent = shown, []

    def command(self, text):
        self.sent.append(text)
        return self.shown.get(text, [text + ' succeeded'])


class FakeClient(object):
    def __init__(self):
        self.written = []

    def write_config(self, values):
        self.written.append(values)
        return {'rebootNeeded': True}


def test_a_write_the_system_does_not_show_fails_naming_the_option_and_both_values():
    run = ConfigRun(params(dual_monitor=True, monitor_profiles={'monitor1': 'all'}, config={'a.b': 'c'}))
    session = FakeSession({'configpresentation monitor1 get': ['configpresentation monitor1:all'], 'dualmonitor get': ['dualmonitor no']})
    client = FakeClient()
    with pytest.raises(ApiError) as failure:
        run.write(client, session, dict(run.want))
    assert str(failure.value) == 'the system accepted but does not show: dual_monitor=True (reads False)'
    assert client.written == [{'a.b': 'c'}], 'REST variables go first, in one request'
    assert session.sent[:2] == ['dualmonitor yes', 'configpresentation monitor1 "all"']


def test_a_write_the_system_shows_returns_whether_it_needs_a_restart():
    run = ConfigRun(params(system_name='Room 9'))
    session = FakeSession({'systemname get': ['systemname "Room 9"']})
    assert run.write(FakeClient(), session, dict(run.want)) is False
