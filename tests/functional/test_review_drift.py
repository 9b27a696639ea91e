"""Outside review (regressions): one device family failing must not take the other families out of the drift report."""
from test_drift_report import drift  # noqa: F401 pylint: disable=unused-import


def test_every_family_is_reported_when_all_panos_fail(drift):
    drift.converge()
    run = drift.drift(extra_vars={'pano_password': 'Wrong-Password-1!'})
    reported = sorted(host['name'] for host in run.report['hosts'])
    for host in drift.panos:
        assert run.host(host)['status'] == 'failed'
    assert reported == drift.hosts, 'hosts missing from the drift report: %s\n%s' % (
        sorted(set(drift.hosts) - set(reported)), run.markdown[:1500])
