"""Three-way drift causes by config/get Source: only a value from the files (or a default) is a missed reload."""
from ansible_collections.polycom.uc.plugins.module_utils.ucs_three_way import cause_of

SHARE = {'value': '1', 'source': 'lync-shared.cfg'}


def test_a_file_value_or_a_default_other_than_the_share_is_a_missed_reload():
    for source in ('config', 'configFile', 'default'):
        assert cause_of('1', SHARE, {'value': '0', 'source': source})[0] == 'not_reread', source


def test_values_set_at_the_phone_or_by_the_call_server_are_not_a_missed_reload():
    assert cause_of('1', SHARE, {'value': '0', 'source': 'device'})[0] == 'changed_at_phone'
    cause, where = cause_of('1', SHARE, {'value': '0', 'source': 'sip'})
    assert cause == 'set_by_call_server' and 'in-band' in where


def test_an_unknown_source_is_named_not_guessed():
    cause, where = cause_of('1', SHARE, {'value': '0', 'source': 'CALL_SERVER_X'})
    assert cause == 'unknown_source' and 'CALL_SERVER_X' in where


def test_agreement_is_no_drift_whatever_the_source():
    assert cause_of('1', SHARE, {'value': '1', 'source': 'sip'}) is None
