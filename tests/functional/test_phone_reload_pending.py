"""A REST phone whose reload failed stays due on the share (the role's state file) and is reloaded by the next run:
check mode predicts it and restarts none, a run with reload off leaves it due, a phone no longer provisioned drops out."""
import json
import os

import yaml

from test_phone_reload import LYNC, MACS, RESTART_TASK, WRITE_TASK, reload_lab  # noqa: F401 pylint: disable=unused-import

STATE = '.polycom-uc-reload.lync.json'
SUMMARY = 'polycom.uc.lync_provisioning : Summary'
PERIOD = 'pres.idleTimeout.offHours.period'


def state_text(reload):
    path = os.path.join(reload.lab.state_dir, 'share', STATE)
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return handle.read()


def leave_office_due(reload):
    """The office phone's file changes while its REST API is off: the run fails naming it, and it stays due."""
    reload.change_office_phone(45)
    reload.rest.set_state('vvx-office', api_enabled=False)
    failed = reload.run(LYNC)
    assert failed.rc != 0 and 'vvx-office' in failed.output, failed.output[-3000:]
    assert json.loads(state_text(reload)) == {'pending': [MACS['vvx-office']]}
    reload.rest.set_state('vvx-office', api_enabled=True)
    reload.reset_stats()


def test_check_mode_predicts_the_due_phone_reload_off_keeps_it_due_and_the_next_run_reloads_it(reload_lab):
    leave_office_due(reload_lab)
    before = state_text(reload_lab)

    check = reload_lab.run(LYNC, check=True)
    assert check.rc == 0, check.output[-3000:]
    write = check.task(WRITE_TASK, 'share')
    assert write['changed_phones'] == [] and write['reload']['rest'] == [MACS['vvx-office']] and write['reload']['pending_count'] == 1
    assert [p['name'] for p in check.task(RESTART_TASK, 'share')['phones']] == ['vvx-office']
    assert '0 phone(s) with changed files, 1 REST phone(s) due a reload from an earlier run: 1 told over REST' in \
        check.task(SUMMARY, 'share')['msg']
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 0} and state_text(reload_lab) == before, 'check mode: nothing done'

    off = reload_lab.run(LYNC, extra_vars={'lync_provisioning_reload': False})
    assert off.rc == 0 and reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 0}, off.output[-3000:]
    assert state_text(reload_lab) == before, 'with reload off the phone stays due'

    real = reload_lab.run(LYNC)
    assert real.rc == 0, real.output[-3000:]
    assert [p['name'] for p in real.task(RESTART_TASK, 'share')['phones']] == ['vvx-office']
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 1}
    assert reload_lab.rest.control('vvx-office', 'GET', '/_lab/config')[PERIOD]['value'] == '45', 'the phone re-read its file'
    assert json.loads(state_text(reload_lab)) == {'pending': []}

    again = reload_lab.run(LYNC)
    assert again.rc == 0 and again.changed('share') == 0, again.output[-3000:]
    assert reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 1}, 'no longer due'


def test_a_due_phone_that_is_no_longer_provisioned_drops_out_and_prune_keeps_the_state_file(reload_lab):
    leave_office_due(reload_lab)
    path = os.path.join(reload_lab.inventory, 'group_vars', 'provisioning.yml')
    with open(path) as handle:
        data = yaml.safe_load(handle)
    data['lync_provisioning_phones'] = [p for p in data['lync_provisioning_phones'] if p['mac'] != MACS['vvx-office']]
    with open(path, 'w') as handle:
        yaml.safe_dump(data, handle, sort_keys=False)

    run = reload_lab.run(LYNC, extra_vars={'lync_provisioning_prune': True})
    assert run.rc == 0, run.output[-3000:]
    write = run.task(WRITE_TASK, 'share')
    assert write['reload']['rest'] == [] and reload_lab.restarts() == {'vvx-reception': 0, 'vvx-office': 0}
    assert '%s-lync.cfg' % MACS['vvx-office'] in write['pruned'], 'prune ran (the phone left) ...'
    assert json.loads(state_text(reload_lab)) == {'pending': []}, '... and kept the state file, which is in no manifest'
