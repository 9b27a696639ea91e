"""playbooks/drift.yml on a share of 2,000 phones that all uploaded a log: one pass, every phone off the baseline in the
JSON, the Markdown grouped, and through ansible-runner every job event below its size limit (MAX_EVENT_RES)."""
import json
import os
import re

import ansible_runner
import pytest

from drift_helpers import BIN, ROOT, validate
from drift_share_helpers import ScaleShare, status_of

PHONES = 2000
MAX_EVENT_RES = 700000  # ansible-runner 2.4.3 display_callback: an event's res is dropped when len(str(res)) exceeds it


@pytest.fixture(scope='module')
def scale(tmp_path_factory):
    share = ScaleShare(str(tmp_path_factory.mktemp('scale')), PHONES)
    share.provision()
    share.boot_all()
    return share


def off_baseline(rows):
    return sorted((row['mac'], row['model'], row['firmware'], status_of(row)) for row in rows if status_of(row) != 'ok')


def test_every_phone_off_the_baseline_is_in_the_json_and_the_markdown_groups_them(scale):
    run = scale.drift()
    assert run.rc == 0, run.output[-3000:]
    report = run.report
    validate(report)
    share = run.host('share')
    off = off_baseline(scale.rows)
    assert len(off) == PHONES * 2 // 5
    assert sorted((f['mac_address'], f['model'], f['actual'], f['status']) for f in share['firmware']) == off
    for finding in share['firmware']:
        assert finding['expected'] and finding['rule'] and finding['baseline'] and finding['message'].startswith('runs %s' % finding['actual'])
    assert share['firmware_counts']['ok'] == PHONES - len(off) and report['summary']['firmware_drift'] == len(off)
    assert share['status'] == 'drift' and share['changes'] == [], 'the role wrote the share: only the firmware drifts'

    markdown = run.markdown
    statuses = dict(((row['model'], row['firmware']), status_of(row)) for row in scale.rows if status_of(row) != 'ok')
    for (model, version), status in sorted(statuses.items()):
        count = sum(1 for row in scale.rows if (row['model'], row['firmware']) == (model, version))
        assert re.search(r'\| %s \| %s \| \*\*%s\*\* \| [^|]+ \| %d \| (0004f2[0-9a-f]{6}, ){4}0004f2[0-9a-f]{6} … \|'
                         % (model, re.escape(version), status, count), markdown), (model, version, markdown)
    assert '%d devices: ' % PHONES in markdown and len(markdown) < 5000, 'grouped: a readable merge-request comment'

    # one task for the whole share, and its one-line summary at the default verbosity
    assert 'polycom.uc.firmware_check' not in run.output
    counts = dict((status, sum(1 for row in off if row[3] == status)) for status in ('below_minimum', 'not_exact'))
    assert ('share: %d phones, %d with firmware from a log: %d on the baseline, %d off (%d below_minimum, %d not_exact); '
            '0 files would change' % (PHONES, PHONES, PHONES - len(off), len(off), counts['below_minimum'], counts['not_exact'])) \
        in ' '.join(run.output.split()), 'the default output callback wraps the message'


def test_every_ansible_runner_event_stays_below_the_event_size_limit(scale, tmp_path):
    report_dir = str(tmp_path / 'report')
    envvars = {'PATH': BIN + os.pathsep + os.environ.get('PATH', ''), 'ANSIBLE_CONFIG': os.path.join(ROOT, 'ansible.cfg'),
               'ANSIBLE_COLLECTIONS_PATH': os.path.join(ROOT, '.build', 'collections'),
               'ANSIBLE_CALLBACKS_ENABLED': 'polycom.uc.drift_report', 'POLYCOM_DRIFT_REPORT_DIR': report_dir}
    os.makedirs(str(tmp_path / 'runner'))
    runner = ansible_runner.run(private_data_dir=str(tmp_path / 'runner'), project_dir=ROOT, playbook='playbooks/drift.yml',
                                inventory=scale.inventory, envvars=envvars, cmdline='--check --diff', quiet=True, timeout=300)
    assert (runner.rc, runner.status) == (0, 'successful'), open(runner.stdout.name).read()[-3000:]
    events = list(runner.events)
    sizes = [(len(str(e['event_data']['res'])), e['event_data'].get('task')) for e in events if 'res' in e.get('event_data', {})]
    assert sizes and max(sizes)[0] < MAX_EVENT_RES, max(sizes)
    # nothing was dropped: the share task's event carries every phone, in its groups
    share = [e['event_data']['res'] for e in events if e['event'] == 'runner_on_ok'
             and e['event_data'].get('task_action') == 'polycom.uc.ucs_share_info']
    assert len(share) == 1 and sum(g['count'] for g in share[0]['firmware_groups']) == PHONES
    stats = [e for e in events if e['event'] == 'playbook_on_stats'][0]['event_data']['artifact_data']['polycom_drift']
    assert stats['drifted'] == ['share'] and stats['firmware']['share'] in ('below_minimum', 'not_exact')
    with open(os.path.join(report_dir, 'drift-report.json')) as handle:
        assert len(json.load(handle)['hosts'][0]['firmware']) == len(off_baseline(scale.rows))
