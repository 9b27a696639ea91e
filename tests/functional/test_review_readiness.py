"""A merge-request review (drift.yml --check) fails a change that breaks line 1 in the files the repository provisions,
as site.yml --check does: only what a user set at one phone (its uploaded override files) is that phone's drift."""
import json

from test_drift_report import drift  # noqa: F401 pylint: disable=unused-import

BREAKING = {'lync_provisioning_shared_params': {'voIpProt.server.1.transport': 'UDPOnly'}}


def test_a_change_that_breaks_line_1_of_every_phone_fails_the_review(drift):
    drift.converge()
    run = drift.drift(extra_vars=BREAKING)
    assert run.rc == 2, 'the real run refuses this share, so the review must fail:\n' + run.output[-3000:]
    share = run.host('share')
    assert share['status'] == 'failed', share
    error = json.dumps(share['errors'])
    assert 'because of the files this inventory provisions' in error and 'transport UDPOnly; Lync needs TLS' in error, error
    assert 'not a phone' in error, error
    assert run.report['summary']['hosts_failed'] >= 1, run.report['summary']
