"""Which phones a lync_provisioning run changes (changed_phones, complete at any list_limit) and which of them REST can reach."""
from lync_helpers import lync_share, mac, phone, result_of  # noqa: F401 pylint: disable=unused-import


def test_first_run_changes_every_phone_and_a_second_run_none(lync_share):
    first = result_of(lync_share.apply(lync_provisioning_list_limit=1))
    assert first['changed_phones'] == 'all' and first['changed_phones_count'] == 4
    second = result_of(lync_share.apply(lync_provisioning_list_limit=1))
    assert second['changed_phones'] == [] and second['changed_phones_count'] == 0
    assert second['reload'] == dict(rest=[], rest_count=0, no_rest_count=0, no_rest=[], rest_not_provisioned=[], pending_count=0)


def test_a_phone_parameter_changes_that_phone_alone_in_check_mode_and_for_real(lync_share):
    lync_share.apply()
    phones = [phone(i) for i in range(1, 5)]
    phones[2] = phone(3, params={'pres.idleTimeout.offHours.period': 45})
    rest = [{'name': 'p3', 'host': '127.0.0.1', 'mac': mac(3)}, {'name': 'p9', 'host': '127.0.0.1', 'mac': mac(9)}]
    predicted = result_of(lync_share.apply(check=True, lync_provisioning_phones=phones, lync_provisioning_reload_phones=rest))
    assert predicted['changed_phones'] == [mac(3)] and predicted['changed_phones_count'] == 1
    assert predicted['reload']['rest'] == [mac(3)] and predicted['reload']['rest_not_provisioned'] == [mac(9)]
    real = result_of(lync_share.apply(lync_provisioning_phones=phones))
    assert real['changed_phones'] == predicted['changed_phones']


def test_the_shared_file_changes_all_phones_whatever_the_list_limit(lync_share):
    lync_share.apply()
    rest = [mac(1), mac(2)]
    run = lync_share.apply(check=True, lync_provisioning_shared_params={'voIpProt.SIP.use486forReject': 1}, lync_provisioning_list_limit=1,
                           lync_provisioning_reload_phones=[{'name': 'vvx-%d' % i, 'host': '127.0.0.1', 'mac': m} for i, m in enumerate(rest, 1)])
    result = result_of(run)
    assert result['changed_phones'] == 'all' and result['changed_phones_count'] == 4
    assert result['reload'] == dict(rest=rest, rest_count=2, no_rest_count=2, no_rest=[mac(3)], rest_not_provisioned=[], pending_count=0)
    restart = result_of(run, 'Safe-restart the REST phones whose files changed, in waves, and check that line 1 registers again')
    assert restart['changed'] and [p['name'] for p in restart['phones']] == ['vvx-1', 'vvx-2'] and restart['summary']['restarted'] == 0
    summary = result_of(run, 'Summary')['msg']
    assert '4 phone(s) with changed files: 2 told over REST' in summary and '2 could not be told' in summary, summary


def test_per_phone_masters_and_all_in_one_files(lync_share):
    lync_share.apply(lync_provisioning_master='per_phone', lync_provisioning_all_in_one=True)
    phones = [phone(i) for i in range(1, 5)]
    phones[0] = phone(1, params={'pres.idleTimeout.offHours.period': 45})  # its phone file and its all-in-one file change
    result = result_of(lync_share.apply(lync_provisioning_master='per_phone', lync_provisioning_all_in_one=True, lync_provisioning_phones=phones))
    assert result['changed_phones'] == [mac(1)] and len(result['updated']) == 2, result['updated']
    firmware = result_of(lync_share.apply(lync_provisioning_master='per_phone', lync_provisioning_all_in_one=True, lync_provisioning_phones=phones,
                                          lync_provisioning_app_file_path='sip-5.9.ld'))
    assert firmware['changed_phones'] == [mac(i) for i in range(1, 5)], 'every <mac>.cfg changes, each read by its phone alone'

    web_only = result_of(lync_share.apply(lync_provisioning_master='per_phone', lync_provisioning_all_in_one=True, lync_provisioning_phones=phones,
                                          lync_provisioning_app_file_path='sip-5.9.ld', lync_provisioning_all_in_one_dir='web'))
    assert web_only['changed_phones'] == [] and web_only['counts']['created'] == 4, 'all-in-one files are read by no phone'


def test_polling_for_phones_without_rest_goes_into_the_shared_file_and_is_checked(lync_share):
    lync_share.apply()
    result = result_of(lync_share.apply(lync_provisioning_polling=True, lync_provisioning_polling_mode='random',
                                        lync_provisioning_polling_time='01:00', lync_provisioning_polling_time_random_end='04:30'))
    assert result['changed_phones'] == 'all'
    params = lync_share.params('lync-shared.cfg')
    assert dict((k, v) for k, v in params.items() if k.startswith('prov.polling.')) == {
        'prov.polling.enabled': '1', 'prov.polling.mode': 'random', 'prov.polling.period': '86400', 'prov.polling.time': '01:00',
        'prov.polling.timeRandomEnd': '04:30'}
    before = lync_share.snapshot()
    bad = lync_share.apply(lync_provisioning_polling=True, lync_provisioning_polling_time='3 am', lync_provisioning_polling_period=60)
    assert bad.rc != 0
    problems = ' '.join(result_of(bad)['problems'])
    assert 'prov.polling.time' in problems and 'hh:mm' in problems and 'prov.polling.period' in problems and '3600' in problems, problems
    assert lync_share.snapshot() == before, 'nothing was written'
