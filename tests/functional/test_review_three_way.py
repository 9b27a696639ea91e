"""Outside review (regressions): a parameter a user changed at one phone is drift of that phone, and does not hide
the three-way comparison of the others."""
import base64
import http.client
import json
import os
import re
import ssl

import pytest

from drift_helpers import LAB_PHONE_PASSWORD, validate
from test_drift_report import drift  # noqa: F401 pylint: disable=unused-import


PERIOD = 'pres.idleTimeout.offHours.period'
RECEPTION_MAC = '0004f2e0a501'


def set_at_the_phone(phones, name, values):
    """What a user does in the phone's web utility: config/set over the phone's REST API (no module involved)."""
    context = ssl.create_default_context(cafile=phones.ca)
    conn = http.client.HTTPSConnection(phones.host, phones.phones[name]['port'], timeout=10, context=context)
    auth = base64.b64encode(('Polycom:%s' % LAB_PHONE_PASSWORD).encode('ascii')).decode('ascii')
    try:
        conn.request('POST', '/api/v1/mgmt/config/set', body=json.dumps({'data': values}),
                     headers={'Content-Type': 'application/json', 'Authorization': 'Basic ' + auth})
        answer = json.loads(conn.getresponse().read().decode('utf-8'))
    finally:
        conn.close()
    assert answer.get('Status') == '2000', answer


@pytest.fixture
def at_the_phones(drift):
    """The drift lab; afterwards, what the users set at the phones is gone (their override files on the share, the phones'
    state): a TCPOnly override left on the lab share would make every later converge refuse it."""
    yield drift
    for directory, _dirs, names in os.walk(drift.share):
        for name in names:
            if name.endswith('-web.cfg'):
                os.unlink(os.path.join(directory, name))
    for name in drift.phones.phones:
        drift.phones.control(name, 'POST', '/_lab/factory')
        drift.phones.control(name, 'POST', '/_lab/boot')


def test_a_transport_changed_at_one_phone_is_that_phones_drift(at_the_phones):
    drift = at_the_phones
    drift.converge()
    set_at_the_phone(drift.phones, 'vvx-reception', {'voIpProt.server.1.transport': 'TCPOnly'})
    set_at_the_phone(drift.phones, 'vvx-office', {PERIOD: '90'})
    run = drift.drift()
    assert run.rc == 0, 'drift found, nothing that could not be checked:\n' + run.output[-3000:]
    validate(run.report)
    assert run.report['summary']['hosts_failed'] == 0, run.markdown[:2000]
    reception = run.host('vvx-reception')
    assert reception['status'] == 'drift', 'vvx-reception runs TCPOnly set at the phone but is reported %s:\n%s' % (
        reception['status'], run.markdown[:2000])
    transport = items(reception, 'ucs_three_way_drift')['voIpProt.server.1.transport']
    assert transport['cause'] == 'changed_at_phone' and transport['before'] == 'TCPOnly' and 'Source web' in transport['source'], transport
    assert items(reception, 'debug')['line 1']['cause'] == 'not_lync_ready', reception['changes']

    # the other REST phone still got its three-way comparison in the same run
    office = items(run.host('vvx-office'), 'ucs_three_way_drift')
    assert office[PERIOD]['cause'] == 'changed_at_phone' and office[PERIOD]['before'] == '90', run.host('vvx-office')

    # the share: drift, not a failure, with the reason and the phone it concerns
    share = run.host('share')
    assert share['status'] == 'drift' and share['errors'] == [], share
    ready = items(share, 'debug')['line 1']
    assert ready['cause'] == 'not_lync_ready' and 'TCPOnly' in ready['before'], ready
    assert re.match(r'1 of \d+ phones: %s$' % RECEPTION_MAC, ready['source']), ready
    assert '| line 1 | %s | %s |' % (ready['before'], ready['source']) in run.markdown, run.markdown


def items(host, action):
    """{path: item} of a host's report changes made by tasks of ``action`` (its last name part)."""
    return dict((item['path'], item) for change in host['changes'] if change['action'].split('.')[-1] == action
                for item in change['items'])
