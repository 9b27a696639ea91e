"""group_series_config's input checks and views, without a device."""
import sys

# no __pycache__ inside plugins/modules: other tests list that directory
_WRITE_BYTECODE = sys.dont_write_bytecode
sys.dont_write_bytecode = True
try:
    from ansible_collections.polycom.uc.plugins.modules.group_series_config import change_path, desired_values, user_view
finally:
    sys.dont_write_bytecode = _WRITE_BYTECODE


def test_guide_words_become_command_values_and_everything_is_checked_before_any_connection():
    desired, problems = desired_values(dict(system_name='Room 4', monitor_profiles={'monitor1': 'Far, then Near', 'monitor2': None},
                                            dual_monitor=False, config={'system.network.hostname': 'gs-4', 'a.flag': True, 'a.num': 5}))
    assert problems == []
    assert desired == {'system_name': 'Room 4', 'monitor1': 'near-or-far', 'dual_monitor': False,
                       'config.system.network.hostname': 'gs-4', 'config.a.flag': 'true', 'config.a.num': '5'}
    assert user_view(desired) == {'system_name': 'Room 4', 'monitor_profiles': {'monitor1': 'near-or-far'}, 'dual_monitor': False,
                                  'config': {'system.network.hostname': 'gs-4', 'a.flag': 'true', 'a.num': '5'}}
    assert change_path('monitor2') == 'monitor_profiles.monitor2' and change_path('config.x') == 'config.x'


def test_every_problem_names_its_field_and_what_is_allowed():
    _desired, problems = desired_values(dict(system_name='', monitor_profiles={'monitor2': 'near then far'},
                                             config={'bad name': 'x', 'ok.name': {'nested': 1}}))
    text = '\n'.join(problems)
    assert 'system_name: must be 1 to 64 characters' in text
    assert 'monitor_profiles.monitor2' in text and '"Content, then Far" (content-or-far)' in text
    assert "config: 'bad name' is not a variable name" in text
    assert 'config.ok.name: must be a string, number or boolean, got dict' in text
    assert len(problems) == 4
