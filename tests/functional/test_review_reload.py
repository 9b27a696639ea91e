"""Outside review (regressions): a phone whose reload failed is reloaded by the next run."""
import os

from drift_helpers import ROOT, run_playbook
from test_drift_report import drift  # noqa: F401 pylint: disable=unused-import

LYNC = os.path.join(ROOT, 'playbooks', 'lync.yml')
PERIOD = 'pres.idleTimeout.offHours.period'


def test_a_phone_whose_reload_failed_is_reloaded_by_the_next_run(drift):
    drift.converge()
    shared = {'lync_provisioning_shared_params': {PERIOD: 33, 'voIpProt.SIP.use486forReject': 1}}
    drift.phones.set_state('vvx-office', api_enabled=False)
    first = run_playbook(LYNC, drift.inventory, drift.workdir, extra_vars=shared, report=False)
    assert first.rc != 0 and 'vvx-office' in first.output, first.output[-3000:]

    drift.phones.set_state('vvx-office', api_enabled=True)
    again = run_playbook(LYNC, drift.inventory, drift.workdir, extra_vars=shared, report=False)
    running = drift.phones.control('vvx-office', 'GET', '/_lab/config')[PERIOD]['value']
    assert again.rc == 0, again.output[-3000:]
    assert running == '33', 'the rerun was green but vvx-office still runs %s=%s:\n%s' % (PERIOD, running, again.output[-1500:])
