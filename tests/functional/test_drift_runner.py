"""site.yml and playbooks/drift.yml through ansible-runner, as AWX runs them: artifacts, events, custom stats, the report."""
import json
import os

import ansible_runner

from drift_helpers import clear_phone_logs
from drift_helpers import BIN, LAB_PANO_PASSWORD, LAB_PHONE_PASSWORD, ROOT, PhoneLab, drift_hosts, lab_inventory, validate


def run(private_data_dir, ident, playbook, inventory, report_dir, cmdline=None):
    """One job in its own private data dir, as AWX gives every job (runner keeps the first env/envvars of a dir)."""
    private_data_dir = os.path.join(private_data_dir, ident)
    os.makedirs(private_data_dir)
    envvars = {
        'PATH': BIN + os.pathsep + os.environ.get('PATH', ''),
        'ANSIBLE_CONFIG': os.path.join(ROOT, 'ansible.cfg'),
        'ANSIBLE_COLLECTIONS_PATH': os.path.join(ROOT, '.build', 'collections'),
        'ANSIBLE_CALLBACKS_ENABLED': 'polycom.uc.drift_report,ansible.builtin.junit',
        'POLYCOM_DRIFT_REPORT_DIR': report_dir,
        'JUNIT_OUTPUT_DIR': os.path.join(report_dir, 'junit'),
        'JUNIT_HIDE_TASK_ARGUMENTS': 'true',
        'ANSIBLE_RETRY_FILES_ENABLED': '0',
    }
    return ansible_runner.run(private_data_dir=private_data_dir, project_dir=ROOT, ident=ident, playbook=playbook,
                              inventory=inventory, envvars=envvars, cmdline=cmdline, quiet=True, timeout=300)


def stats_event(runner):
    events = [event for event in runner.events if event['event'] == 'playbook_on_stats']
    assert len(events) == 1
    return events[0]['event_data']


def test_site_then_drift_through_ansible_runner(lab, tmp_path):
    PhoneLab(lab.lab).factory()
    clear_phone_logs(lab.lab)
    inventory = lab_inventory(lab.lab, str(tmp_path))
    private = str(tmp_path / 'runner')

    site = run(private, 'site', 'site.yml', inventory, str(tmp_path / 'site-report'))
    assert (site.rc, site.status) == (0, 'successful'), open(site.stdout.name).read()[-3000:]
    assert site.stats['changed'].get('pano-huddle-1'), 'the factory-new lab converged'
    site_report = json.load(open(str(tmp_path / 'site-report' / 'drift-report.json')))
    validate(site_report)
    assert site_report['check_mode'] is False and site_report['summary']['changes'] > 0, 'without --check: what the run changed'

    lab.control(lab.hosts[0], 'POST', '/_lab/state', {'vars': {'network.icmp.ratelimit': '42'}})
    lab.control(lab.hosts[1], 'POST', '/_lab/state', {'pairing_state': 'UNPAIRED'})  # pano2 = pano-boardroom
    drift = run(private, 'drift', 'playbooks/drift.yml', inventory, str(tmp_path / 'report'), cmdline='--check --diff')
    assert (drift.rc, drift.status) == (0, 'successful'), open(drift.stdout.name).read()[-3000:]

    # the artifacts AWX keeps
    artifacts = os.path.join(private, 'drift', 'artifacts', 'drift')
    assert open(os.path.join(artifacts, 'rc')).read().strip() == '0'
    assert open(os.path.join(artifacts, 'status')).read().strip() == 'successful'
    assert os.listdir(os.path.join(artifacts, 'job_events'))
    assert 'drift report: 3 of' in open(os.path.join(artifacts, 'stdout')).read()
    assert '--check' in json.load(open(os.path.join(artifacts, 'command')))['command']

    # the job events: one changed (would-change) result of the pano role, no failures
    changed = [e for e in drift.events if e['event'] == 'runner_on_ok' and e['event_data'].get('res', {}).get('changed')]
    assert sorted((e['event_data']['host'], e['event_data']['task_action']) for e in changed) == [
        ('pano-boardroom', 'polycom.uc.pano_pairing'), ('pano-huddle-1', 'polycom.uc.pano_settings')]
    assert not [e for e in drift.events if e['event'] in ('runner_on_failed', 'runner_on_unreachable')]

    # the stats, and the custom stats of the drift playbook's summary play (AWX: the job's artifacts)
    assert drift.stats['changed'] == {'pano-boardroom': 1, 'pano-huddle-1': 1} and not drift.stats['failures']
    summary = stats_event(drift)['artifact_data']['polycom_drift']
    hosts = drift_hosts(inventory)
    assert summary['drift'] is True and summary['hosts'] == len(hosts) and summary['hosts_failed'] == 0
    assert sorted(summary['drifted']) == ['gs-training', 'pano-boardroom', 'pano-huddle-1'] and summary['failed'] == []
    assert summary['firmware']['pano-boardroom'] == 'below_minimum' and summary['firmware']['vvx-reception'] == 'ok'
    assert summary['changes']['pano-huddle-1'] == ['network.icmp_rate_limit']
    assert summary['changes']['pano-boardroom'] == ['polycom.uc.room_pairing'], 'the role reports through its handler'
    assert summary['changes']['share'] == [] and summary['firmware']['share'] == 'ok'

    # the built-in JUnit callback beside it, for CI test reports
    junit = os.listdir(str(tmp_path / 'report' / 'junit'))
    assert len(junit) == 1 and junit[0].startswith('drift-') and junit[0].endswith('.xml')
    xml = open(str(tmp_path / 'report' / 'junit' / junit[0])).read()
    assert '<testsuites' in xml and 'failures="0"' in xml and 'polycom.uc.pano : Apply Pano settings' in xml
    assert LAB_PANO_PASSWORD not in xml and LAB_PHONE_PASSWORD not in xml

    # the report, the same story
    report = json.load(open(str(tmp_path / 'report' / 'drift-report.json')))
    validate(report)
    assert report['summary']['hosts_with_drift'] == 3 and report['check_mode'] is True
    items = [c['items'] for h in report['hosts'] if h['name'] == 'pano-huddle-1' for c in h['changes']]
    assert items == [[{'path': 'network.icmp_rate_limit', 'before': 42, 'after': 500}]]
