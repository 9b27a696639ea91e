"""Three-way drift of REST phones in playbooks/drift.yml: what the repository renders, what the share holds, what the phone
runs (config/get with Source) - a change made at the phone, an override file on the share, a phone that has not re-read a
changed file - each in the drift report with its cause and source."""
import base64
import http.client
import json
import os
import ssl

import pytest
import yaml

from drift_helpers import DRIFT_PLAYBOOK, LAB_PHONE_PASSWORD, run_playbook, validate
from test_phone_reload import LYNC, MACS, Reload

PERIOD = 'pres.idleTimeout.offHours.period'


def phones_only(inventory):
    """The lab inventory without the Panos and video systems: this is about the phones and their share."""
    path = os.path.join(inventory, 'hosts.yml')
    with open(path) as handle:
        hosts = yaml.safe_load(handle)
    for group in ('pano', 'group_series'):
        hosts['all']['children'].pop(group, None)
    with open(path, 'w') as handle:
        yaml.safe_dump(hosts, handle)


@pytest.fixture
def three_way(running_lab, tmp_path):
    reload = Reload(running_lab, str(tmp_path))
    phones_only(reload.inventory)
    converge = reload.run(LYNC)
    assert converge.rc == 0, converge.output[-3000:]
    yield reload
    overrides = os.path.join(running_lab.state_dir, 'share', 'overrides')
    for name in os.listdir(overrides) if os.path.isdir(overrides) else []:
        if name.startswith(tuple(MACS.values())):
            os.unlink(os.path.join(overrides, name))
    for name in MACS:
        reload.rest.control(name, 'POST', '/_lab/factory')
        reload.rest.control(name, 'POST', '/_lab/boot')


def drift(reload):
    run = run_playbook(DRIFT_PLAYBOOK, reload.inventory, reload.workdir, check=True, diff=True)
    assert run.rc == 0, run.output[-3000:]
    validate(run.report)
    return run


def three_way_items(run, host):
    changes = [c for c in run.host(host)['changes'] if c['action'].endswith('ucs_three_way_drift')]
    return dict((item['path'], item) for change in changes for item in change['items'])


def test_after_a_converge_no_rest_phone_drifts(three_way):
    run = drift(three_way)
    for name in MACS:
        assert three_way_items(run, name) == {}, run.host(name)
        assert run.host(name)['status'] == 'ok', run.host(name)


def test_a_change_made_at_the_phone_is_drift_with_its_source(three_way):
    answer = three_way.rest.control('vvx-office', 'GET', '/_lab/config')
    assert answer[PERIOD]['source'] == 'configFile'
    set_at_phone(three_way, 'vvx-office', {PERIOD: '90'})
    run = drift(three_way)
    item = three_way_items(run, 'vvx-office')[PERIOD]
    assert item['cause'] == 'changed_at_phone' and item['before'] == '90' and item['after'] == '30', item
    assert 'Source web' in item['source'] and '0004f2e0a502-web.cfg' in item['source'], item
    assert run.host('vvx-office')['status'] == 'drift' and three_way_items(run, 'vvx-reception') == {}
    assert '| %s | `90` | `30` | changed_at_phone | the phone (Source web' % PERIOD in run.markdown, run.markdown


def set_at_phone(reload, name, values):
    """A user's change in the phone's web utility: config/set over the phone's own REST API."""
    context = ssl.create_default_context(cafile=reload.rest.ca)
    conn = http.client.HTTPSConnection(reload.rest.host, reload.rest.phones[name]['port'], timeout=10, context=context)
    token = base64.b64encode(('Polycom:%s' % LAB_PHONE_PASSWORD).encode()).decode()
    conn.request('POST', '/api/v1/mgmt/config/set', body=json.dumps({'data': values}),
                 headers={'Content-Type': 'application/json', 'Authorization': 'Basic ' + token})
    answer = json.loads(conn.getresponse().read().decode())
    conn.close()
    assert answer['Status'] == '2000', answer


def test_an_override_file_on_the_share_is_drift_naming_the_file(three_way):
    overrides = os.path.join(three_way.lab.state_dir, 'share', 'overrides')
    os.makedirs(overrides, exist_ok=True)
    with open(os.path.join(overrides, '%s-phone.cfg' % MACS['vvx-reception']), 'w') as handle:
        handle.write('<PHONE_CONFIG><OVERRIDES %s="120"/></PHONE_CONFIG>\n' % PERIOD)
    run = drift(three_way)
    item = three_way_items(run, 'vvx-reception')[PERIOD]
    assert item['cause'] == 'override_file' and item['source'] == 'overrides/%s-phone.cfg' % MACS['vvx-reception'], item
    assert item['before'] == '30' and item['after'] == '30', 'the phone has not booted since: it still runs the repository value'


def test_a_phone_that_has_not_re_read_a_changed_file_is_drift(three_way):
    three_way.change_office_phone(45)
    written = three_way.run(LYNC, extra_vars={'lync_provisioning_reload': False})
    assert written.rc == 0, written.output[-3000:]
    run = drift(three_way)
    item = three_way_items(run, 'vvx-office')[PERIOD]
    assert item['cause'] == 'not_reread' and item['before'] == '30' and item['after'] == '45', item
    assert '0004f2e0a502-lync.cfg' in item['source'] and 'configFile' in item['source'], item


def test_each_rest_phone_is_read_once_for_its_firmware_and_its_three_way_comparison(three_way):
    three_way.reset_stats()
    run = drift(three_way)
    for name in MACS:
        assert run.host(name)['firmware'][0]['status'] == 'ok', run.host(name)
        stats = three_way.rest.stats(name)
        # one ucs_phone_info run: device/info once, then the parameters in config/get requests of at most 20 (the lab phones
        # get 21 to 40); no lineInfo (drift does not report registration). Before, two plays read device/info twice.
        assert stats['by_endpoint'] == {'GET /api/v1/mgmt/device/info': 1, 'POST /api/v1/mgmt/config/get': 2}, (name, stats)
        assert stats['restarts'] == 0 and 'POST /api/v1/mgmt/config/set' not in stats['by_endpoint']
