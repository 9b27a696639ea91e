from ansible_collections.polycom.uc.plugins.module_utils.settings import MASKED, MASKED_CHANGED, Setting, SettingTable

TABLE = SettingTable([
    Setting('general', 'name', 'x.name', max_length=5),
    Setting('net', 'dhcp', 'x.dhcp', 'bool'),
    Setting('net', 'rate', 'x.rate', 'int', minimum=0, maximum=10),
    Setting('net', 'dns', 'x.dns', 'list', max_items=2),
    Setting('acct', 'password', 'x.pw', secret=True),
    Setting('status', 'state', 'x.state', read_only=True),
])


def test_argument_spec_is_nested_and_secrets_are_no_log():
    spec = TABLE.argument_spec()
    assert spec['net']['options']['dns'] == {'type': 'list', 'elements': 'str'}
    assert spec['acct']['options']['password']['no_log'] is True
    assert 'status' not in spec


def test_desired_converts_to_device_strings_and_ignores_unset_options():
    values, problems = TABLE.desired({'net': {'dhcp': False, 'rate': 3, 'dns': ['a', 'b']}, 'general': None})
    assert problems == []
    assert values == {'x.dhcp': 'false', 'x.rate': '3', 'x.dns': 'a,b'}


def test_desired_names_the_option_and_the_allowed_values():
    _values, problems = TABLE.desired({'general': {'name': u'\u00e9' * 6}, 'net': {'rate': 11, 'dns': ['a', 'b', 'c']}})
    assert 'general.name: at most 5 characters allowed, got 6' in problems
    assert 'net.rate: must be between 0 and 10, got 11' in problems
    assert 'net.dns: at most 2 entries allowed, got 3' in problems


def test_unicode_length_counts_characters_not_bytes():
    _values, problems = TABLE.desired({'general': {'name': u'\u00e9\u00e9\u00e9\u00e9\u00e9'}})
    assert problems == []


def test_diff_only_reports_real_differences():
    current = {'x.dhcp': 'true', 'x.rate': '3'}
    assert TABLE.diff(current, {'x.dhcp': 'true', 'x.rate': '4'}) == {'x.rate': '4'}
    assert TABLE.diff(current, {'x.dhcp': 'true'}) == {}


def test_diff_accepts_an_equality_override():
    def equal(name, current, desired):
        return True if name == 'x.rate' else None
    assert TABLE.diff({'x.rate': '3'}, {'x.rate': '4'}, equal=equal) == {}


def test_report_masks_secrets_and_flags_a_secret_change():
    current = {'x.pw': 'old-secret', 'x.rate': '1'}
    desired = {'x.pw': 'new-secret', 'x.rate': '2'}
    before, after = TABLE.report(current, desired, TABLE.diff(current, desired))
    assert before == {'acct': {'password': MASKED}, 'net': {'rate': 1}}
    assert after == {'acct': {'password': MASKED_CHANGED}, 'net': {'rate': 2}}
    assert 'secret' not in repr((before, after))


def test_to_user_round_trips_and_hides_read_only_status():
    view = TABLE.to_user({'x.dhcp': 'false', 'x.dns': 'a,b', 'x.state': 'pending', 'x.rate': '7'})
    assert view == {'net': {'dhcp': False, 'dns': ['a', 'b'], 'rate': 7}}
    values, _problems = TABLE.desired(view)
    assert values == {'x.dhcp': 'false', 'x.dns': 'a,b', 'x.rate': '7'}
