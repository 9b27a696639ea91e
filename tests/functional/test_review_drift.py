"""Outside review (regressions): one device family failing must not take the other families out of the drift report."""
from drift_helpers import DRIFT_PLAYBOOK, run_playbook, validate
from test_drift_report import drift  # noqa: F401 pylint: disable=unused-import


def test_every_family_is_reported_when_all_panos_fail(drift):
    drift.converge()
    run = drift.drift(extra_vars={'pano_password': 'Wrong-Password-1!'})
    reported = sorted(host['name'] for host in run.report['hosts'])
    for host in drift.panos:
        assert run.host(host)['status'] == 'failed'
    assert reported == drift.hosts, 'hosts missing from the drift report: %s\n%s' % (
        sorted(set(drift.hosts) - set(reported)), run.markdown[:1500])


def test_a_run_whose_every_host_failed_is_still_a_check_mode_report(drift):
    # outside review N8: without --check, the mode was inferred from check-mode tasks, and none ran
    failing = {'pano_password': 'Wrong-Password-1!', 'group_series_password': 'Wrong-Password-1!',
               'ucs_phone_password': 'Wrong-Password-1!', 'lync_provisioning_phones': [{'mac': 'not-a-mac'}]}
    run = run_playbook(DRIFT_PLAYBOOK, drift.inventory, drift.workdir, extra_vars=failing)
    assert run.rc == 2, run.output[-3000:]
    validate(run.report)
    assert sorted(host['name'] for host in run.report['hosts'] if host['status'] == 'failed') == drift.hosts, run.markdown[:2000]
    assert run.report['check_mode'] is True, run.markdown[:500]
    assert run.markdown.splitlines()[2].startswith('Check-mode run of drift.yml'), run.markdown[:500]
    drift.assert_nothing_written()
