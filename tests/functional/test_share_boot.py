"""Phones boot from the lab's provisioning share (FTP and HTTPS), and ucs_share_info reads the same share.

The share files here are written by hand, so these tests depend only on the share service, the phone
emulator and ucs_share_info; the lync_provisioning role's end-to-end test is at the end of the file.
"""
import base64
import ftplib
import http.client
import io
import os
import shutil
import ssl
import sys
from xml.sax.saxutils import quoteattr

import pytest

from conftest import LabFixture

from phone_emulator import Phone  # tests/lab is on sys.path (conftest)

HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
POOL = 'lyncpool.bor-ee.com'
SHARED = [
    ('feature.presence.enabled', '1'), ('feature.messaging.enabled', '1'), ('sec.srtp.require', '1'),
    ('sec.srtp.key.lifetime', '2^31'), ('sec.srtp.mki.enabled', '1'), ('sec.srtp.mki.length', '1'),
    ('sec.srtp.holdWithNewKey', '0'), ('sec.srtp.resumeWithNewKey', '0'), ('voIpProt.SIP.mtls.enable', '0'),
    ('voIpProt.server.1.specialInterop', 'lync2010'), ('voIpProt.server.1.address', POOL), ('voIpProt.server.1.transport', 'TLS'),
    ('tcpIpApp.keepalive.tcp.sip.tls.enable', '1'), ('voIpProt.SIP.IM.autoAnswerDelay', '40'),
    ('voIpProt.SIP.allowTransferOnProceeding', '0'), ('voice.codecPref.G7221.24kbps', '5'), ('voice.codecPref.G7221.32kbps', '0'),
    ('voice.audioProfile.G7221.24kbps.payloadType', '112'), ('video.iFrame.Delay', '2'),
    ('sec.TLS.profileSelection.SIP', 'ApplicationProfile1'),
]
PEM = ('-----BEGIN CERTIFICATE-----\nMIIDhzCCAvCgAwIBAgIJALYgWm545734tgYIWSn4A1UECBMOQW5ka\n'
       'HJhIFByYWRLc2gxZjAQBgNVBAcTCUh5ZGVyYWJhZDEhMB8GA1UECh+/=\n-----END CERTIFICATE-----\n')
NASTY_PASSWORD = 'p&<w>"o\'r:d'
MACS = ['0004f2a00001', '0004f2a00002']


def xml_file(params, root='polycomConfig', element='lync'):
    """A configuration file: every parameter an attribute, escaped with quoteattr (also newlines: &#10;)."""
    attrs = ' '.join('%s=%s' % (name, quoteattr(value)) for name, value in params)
    return HEADER + '<%s>\n  <%s %s/>\n</%s>\n' % (root, element, attrs, root)


def master_file(config_files, **extra):
    attrs = dict(APP_FILE_PATH='sip.ld', CONFIG_FILES=config_files, LOG_FILE_DIRECTORY='logs', OVERRIDES_DIRECTORY='overrides',
                 CONTACTS_DIRECTORY='', LICENSE_DIRECTORY='', USER_PROFILES_DIRECTORY='', CALL_LISTS_DIRECTORY='')
    attrs.update(extra)
    return HEADER + '<APPLICATION %s/>\n' % ' '.join('%s=%s' % (k, quoteattr(v)) for k, v in attrs.items())


def per_phone_lc(mac):
    address = 'sip:user%s@bor-ee.com' % mac[-2:]
    return [('reg.1.address', address), ('reg.1.auth.useLoginCredentials', '1'), ('msg.mwi.1.callBackMode', 'contact'),
            ('msg.mwi.1.callBack', address + ';opaque=app:voicemail'), ('roaming_buddies.reg', '1')]


def per_phone_file_credentials(mac, password=NASTY_PASSWORD):
    address = 'sip:user%s@bor-ee.com' % mac[-2:]
    return [('reg.1.address', address), ('reg.1.auth.userId', 'user%s' % mac[-2:]), ('reg.1.auth.password', password),
            ('reg.1.auth.domain', 'BOR-EE'), ('msg.mwi.1.callBackMode', 'contact'),
            ('msg.mwi.1.callBack', address + ';opaque=app:voicemail'), ('roaming_buddies.reg', '1')]


class ShareFixture(object):
    """The lab's share, emptied for each test; helpers to write files, boot phones, and run ucs_share_info."""

    def __init__(self, lab, workdir):
        self.lab = lab
        self.service = lab.read_state()['services']['share']
        self.root = self.service['root']
        self.ca = lab.ca
        self.workdir = workdir
        for name in os.listdir(self.root):
            path = os.path.join(self.root, name)
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
        for name in self.service['upload_dirs']:
            os.makedirs(os.path.join(self.root, name))

    def url(self, protocol='ftp'):
        return self.service['%s_url' % protocol]

    def write(self, name, text):
        path = os.path.join(self.root, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(text)
        return path

    def read(self, name):
        with open(os.path.join(self.root, name), encoding='utf-8') as handle:
            return handle.read()

    def boot(self, mac, model='VVX500', firmware='4.0.1.13681', login=None, protocol='ftp'):
        return Phone(mac, model, firmware, login).boot(self.url(protocol), cafile=self.ca)

    def ftp(self, user='PlcmSpIp', password='PlcmSpIp'):
        client = ftplib.FTP(timeout=10)
        client.connect('127.0.0.1', self.service['ftp_port'])
        client.login(user, password)
        return client

    def https(self, method, path, body=None, auth=True):
        conn = http.client.HTTPSConnection('127.0.0.1', self.service['https_port'], timeout=10,
                                           context=ssl.create_default_context(cafile=self.ca))
        headers = {}
        if auth:
            headers['Authorization'] = 'Basic ' + base64.b64encode(b'PlcmSpIp:PlcmSpIp').decode('ascii')
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            return resp.status, resp.read()
        finally:
            conn.close()

    def play(self, tasks, check=False, extra_vars=None, roles=None):
        inventory = {'all': {'hosts': {'localhost': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable}},
                             'vars': dict(share_root=self.root, **(extra_vars or {}))}}
        play = dict(name='share', hosts='localhost', gather_facts=False, tasks=tasks)
        if roles:
            play['roles'] = roles
        return LabFixture(self.lab, self.workdir).run_playbook([play], check=check, inventory=inventory)


@pytest.fixture
def share(running_lab, tmp_path):
    return ShareFixture(running_lab, str(tmp_path))


def expected(params, source):
    return dict((name, {'value': value, 'source': source}) for name, value in params)


def merged(*layers):
    """Effective parameters of (params, source) layers, highest precedence first."""
    result = {}
    for params, source in reversed(layers):
        result.update(expected(params, source))
    return result


# -- phones boot from the share ------------------------------------------------------------------------

def test_login_credentials_with_the_factory_master_and_mac_substitution(share):
    share.write('000000000000.cfg', master_file('[PHONE_MAC_ADDRESS]-lync.cfg, lync-shared.cfg'))
    share.write('lync-shared.cfg', xml_file(SHARED))
    for mac in MACS:
        share.write('%s-lync.cfg' % mac, xml_file(per_phone_lc(mac)))
    for mac in MACS:
        report = share.boot(mac, login=('user' + mac[-2:], 'Secret!1', 'BOR-EE'))
        assert report['booted'] and not report['errors'], report['errors']
        assert report['master'] == '000000000000.cfg'
        # the master, then the image it names (APP_FILE_PATH, absent here: the phone keeps its firmware), then CONFIG_FILES
        assert report['requested'][:5] == ['%s.cfg' % mac, '000000000000.cfg', 'sip.ld', '%s-lync.cfg' % mac, 'lync-shared.cfg']
        assert report['firmware']['status'] == 'missing' and report['firmware_version'] == '4.0.1.13681'
        assert report['parameters'] == merged((per_phone_lc(mac), '%s-lync.cfg' % mac), (SHARED, 'lync-shared.cfg'))
        assert report['lync']['registered'] and report['lync']['credentials'] == 'login'
        assert report['lync']['server'] == POOL and report['lync']['address'] == 'sip:user%s@bor-ee.com' % mac[-2:]
    # the same phone with nobody having entered credentials at Menu > Settings > Basic > Login Credentials
    report = share.boot(MACS[0])
    assert not report['lync']['registered']
    assert any('none entered at the phone' in reason for reason in report['lync']['reasons'])
    # and with firmware older than the guide's UC Software 4.0.1
    report = share.boot(MACS[0], firmware='3.3.1.0933', login=('u', 'p', 'd'))
    assert report['lync']['reasons'] == ['UC Software 3.3.1.0933: Lync Server 2010 needs 4.0.1 or later']


def test_credentials_in_the_file_with_mac_masters_over_https_and_escaping_round_trips(share):
    shared = list(SHARED) + [('sec.TLS.customCaCert.1', PEM)]
    share.write('lync-shared.cfg', xml_file(shared))
    for mac in MACS:
        share.write('%s.cfg' % mac, master_file('phones/%s.cfg, lync-shared.cfg' % mac))
        share.write('phones/%s.cfg' % mac, xml_file(per_phone_file_credentials(mac)))
    for mac in MACS:
        report = share.boot(mac, protocol='https')
        assert report['booted'] and not report['errors'], report['errors']
        assert report['master'] == '%s.cfg' % mac and report['requested'][0] == '%s.cfg' % mac
        assert '000000000000.cfg' not in report['requested']
        assert report['parameters'] == merged((per_phone_file_credentials(mac), 'phones/%s.cfg' % mac), (shared, 'lync-shared.cfg'))
        assert report['parameters']['reg.1.auth.password']['value'] == NASTY_PASSWORD
        assert report['parameters']['sec.TLS.customCaCert.1']['value'] == PEM
        assert report['lync']['registered'] and report['lync']['credentials'] == 'file'
    # the raw file really is escaped (a writer that forgot would have produced broken XML above)
    raw = share.read('phones/%s.cfg' % MACS[0])
    assert NASTY_PASSWORD not in raw and '&amp;' in raw and '&lt;' in raw


def test_override_files_win_and_per_model_attributes_choose_the_files(share):
    share.write('000000000000.cfg', master_file('[PHONE_MAC_ADDRESS]-lync.cfg, lync-shared.cfg',
                                                CONFIG_FILES_VVX500='[PHONE_MAC_ADDRESS]-lync.cfg, vvx500.cfg, lync-shared.cfg',
                                                APP_FILE_PATH_VVX500='2345-44500-001.sip.ld'))
    share.write('lync-shared.cfg', xml_file(SHARED))
    share.write('vvx500.cfg', xml_file([('video.iFrame.Delay', '3'), ('pres.idleTimeout.offHours.period', '20')]))
    for mac in MACS:
        share.write('%s-lync.cfg' % mac, xml_file(per_phone_lc(mac)))
    mac = MACS[0]
    web = [('pres.idleTimeout.offHours.period', '30'), ('feature.presence.enabled', '0')]
    share.write('overrides/%s-web.cfg' % mac, xml_file(web, root='PHONE_CONFIG', element='OVERRIDES'))
    share.write('overrides/%s-phone.cfg' % mac, xml_file([('pres.idleTimeout.offHours.period', '45')], root='PHONE_CONFIG', element='OVERRIDES'))
    vvx = share.boot(mac, model='VVX500', login=('u', 'p', 'd'))
    assert vvx['app_file_path'] == '2345-44500-001.sip.ld'
    params = dict((k, (v['value'], v['source'])) for k, v in vvx['parameters'].items())
    assert params['pres.idleTimeout.offHours.period'] == ('45', 'overrides/%s-phone.cfg' % mac)
    assert params['feature.presence.enabled'] == ('0', 'overrides/%s-web.cfg' % mac)
    assert params['video.iFrame.Delay'] == ('3', 'vvx500.cfg')
    assert params['reg.1.address'] == ('sip:user01@bor-ee.com', '%s-lync.cfg' % mac)
    spip = share.boot(MACS[1], model='SPIP650', login=('u', 'p', 'd'))
    assert spip['app_file_path'] == 'sip.ld' and 'vvx500.cfg' not in spip['requested']
    assert spip['parameters']['video.iFrame.Delay']['source'] == 'lync-shared.cfg'
    assert 'pres.idleTimeout.offHours.period' not in spip['parameters']


def test_out_of_range_encrypted_and_broken_files_on_the_phone(share):
    share.write('000000000000.cfg', master_file('secret.cfg, broken.cfg, [PHONE_MAC_ADDRESS]-lync.cfg, lync-shared.cfg, gone.cfg'))
    share.write('lync-shared.cfg', xml_file(SHARED))
    share.write('secret.cfg', 'Crypt=1;KeyDesc=site;Digest=8a61f5d3c7e2b9a04f1e6d2c3b5a7980;\n\x01\x02ciphertext')
    share.write('broken.cfg', HEADER + '<polycomConfig><x reg.1.address="broken"></polycomConfig>')
    share.write('%s-lync.cfg' % MACS[0], xml_file(per_phone_lc(MACS[0]) + [('reg.1.server.1.transport', 'TCPOny')]))
    report = share.boot(MACS[0], login=('u', 'p', 'd'))
    assert report['booted']
    assert [u['file'] for u in report['unreadable']] == ['secret.cfg', 'broken.cfg']
    assert report['unreadable'][0]['reason'] == 'encrypted' and report['missing'] == ['gone.cfg']
    assert report['rejected'] == [{'parameter': 'reg.1.server.1.transport', 'value': 'TCPOny', 'file': '%s-lync.cfg' % MACS[0],
                                   'allowed': 'DNSnaptr, TCPpreferred, UDPOnly, TLS, TCPOnly'}]
    assert 'reg.1.server.1.transport' not in report['parameters']
    app_log = share.read('logs/%s-app.log' % MACS[0])
    assert 'reg.1.server.1.transport="TCPOny"' in app_log and 'out of range' in app_log
    assert report['lync']['registered']  # the rejected value falls back to the voIpProt.server.1 transport (TLS)


# -- the share's access rules ------------------------------------------------------------------------------

def test_the_ftp_account_writes_only_into_the_upload_directories(share):
    share.write('000000000000.cfg', master_file('lync-shared.cfg'))
    share.write('lync-shared.cfg', xml_file(SHARED))
    client = share.ftp()
    try:
        client.storbinary('STOR logs/0004f2a00001-app.log', io.BytesIO(b'log'))
        client.storbinary('STOR overrides/0004f2a00001-phone.cfg', io.BytesIO(b'<PHONE_CONFIG/>'))
        for command in ('STOR 000000000000.cfg', 'STOR lync-shared.cfg', 'STOR new.cfg', 'STOR ../escape.cfg', 'APPE lync-shared.cfg'):
            with pytest.raises(ftplib.error_perm, match='^550'):
                client.storbinary(command, io.BytesIO(b'<APPLICATION CONFIG_FILES="evil.cfg"/>'))
        for command in ('DELE lync-shared.cfg', 'DELE logs/0004f2a00001-app.log', 'MKD phones', 'RMD logs', 'RNFR lync-shared.cfg'):
            with pytest.raises(ftplib.error_perm, match='^550'):
                client.sendcmd(command)
    finally:
        client.quit()
    assert share.read('lync-shared.cfg') == xml_file(SHARED)
    assert share.read('logs/0004f2a00001-app.log') == 'log'
    assert sorted(os.listdir(share.root)) == sorted(['000000000000.cfg', 'lync-shared.cfg', 'logs', 'overrides'])
    with pytest.raises(ftplib.error_perm, match='^530'):
        share.ftp(password='wrong')


def test_https_put_goes_into_the_log_directory_only(share):
    share.write('000000000000.cfg', master_file('lync-shared.cfg'))
    assert share.https('PUT', '/logs/0004f2a00001-boot.log', b'boot log')[0] == 201
    assert share.https('PUT', '/logs/0004f2a00001-boot.log', b'boot log 2')[0] == 204
    assert share.https('GET', '/logs/0004f2a00001-boot.log') == (200, b'boot log 2')
    assert share.https('PUT', '/overrides/0004f2a00001-web.cfg', b'<PHONE_CONFIG/>')[0] == 201
    assert share.https('PUT', '/000000000000.cfg', b'<APPLICATION/>')[0] == 403
    assert share.https('PUT', '/new.cfg', b'x')[0] == 403
    assert share.https('PUT', '/logs/../000000000000.cfg', b'x')[0] == 403
    assert share.https('PUT', '/logs/x.log', b'x', auth=False)[0] == 401
    assert share.https('GET', '/000000000000.cfg', auth=False)[0] == 401
    assert share.https('DELETE', '/logs/0004f2a00001-boot.log')[0] == 405
    assert share.read('000000000000.cfg') == master_file('lync-shared.cfg')
    assert not os.path.exists(os.path.join(share.root, 'new.cfg'))


# -- ucs_share_info on a share phones booted from ------------------------------------------------------------

def test_boot_logs_land_and_ucs_share_info_reports_firmware_parameters_and_findings(share):
    share.write('000000000000.cfg', master_file('[PHONE_MAC_ADDRESS]-lync.cfg, site.cfg, secret.cfg, lync-shared.cfg'))
    share.write('lync-shared.cfg', xml_file(SHARED + [('volpProt.SIP.use486forReject', '1')]))
    share.write('site.cfg', xml_file([('voIpProt.server.1.address', 'oldpool.bor-ee.com'), ('pres.idleTimeout.offHours.period', '900')]))
    share.write('secret.cfg', 'Crypt=1;KeyDesc=site;Digest=8a61f5d3c7e2b9a04f1e6d2c3b5a7980;\n\x01\x02ciphertext')
    share.write('%s-lync.cfg' % MACS[0], xml_file(per_phone_lc(MACS[0])))
    share.write('%s-lync.cfg' % MACS[1], xml_file(per_phone_file_credentials(MACS[1])))
    reports = {
        MACS[0]: share.boot(MACS[0], model='VVX500', firmware='4.0.1.13681', login=('u', 'p', 'd')),
        MACS[1]: share.boot(MACS[1], model='SPIP650', firmware='4.0.2.11307', protocol='https'),
    }
    for mac, report in reports.items():
        assert report['uploads'] == {'logs/%s-boot.log' % mac: 'ok', 'logs/%s-app.log' % mac: 'ok'}
        assert 'Application version: %s' % report['firmware_version'] in share.read('logs/%s-boot.log' % mac)
    run = share.play([
        {'name': 'all phones', 'polycom.uc.ucs_share_info': {'path': '{{ share_root }}', 'detail': 'full'}},
        {'name': 'one phone', 'polycom.uc.ucs_share_info': {'path': '{{ share_root }}', 'macs': ['00:04:F2:A0:00:02'], 'detail': 'full',
                                                            'models': {'0004f2a00002': 'SPIP650'}, 'show_sensitive': True}},
    ], check=True)
    assert run.rc == 0, run.output
    everything = run.task('all phones', 'localhost')
    assert everything['changed'] is False and everything['macs'] == MACS
    phones = dict((p['mac_address'], p) for p in everything['phones'])
    assert phones[MACS[0]]['device'] == {'family': 'phone', 'model': 'VVX500', 'serial': MACS[0], 'mac_address': MACS[0],  # device.py's shape
                                         'software_version': '4.0.1.13681', 'firmware_version': '4.0.1.13681',
                                         'log_file': 'logs/%s-app.log' % MACS[0], 'log_time': phones[MACS[0]]['device']['log_time']}
    assert phones[MACS[1]]['device']['firmware_version'] == '4.0.2.11307'
    assert phones[MACS[1]]['device']['model'] == 'SPIP650'
    # what the module computes is what the phones did (secrets masked unless show_sensitive)
    for mac in MACS:
        phone_view = dict((k, v) for k, v in reports[mac]['parameters'].items() if k != 'reg.1.auth.password')
        module_view = dict((k, v) for k, v in phones[mac]['parameters'].items() if k != 'reg.1.auth.password')
        assert module_view == phone_view
        assert [f['name'] for f in phones[mac]['files'] if f['status'] == 'read'] == [
            '000000000000.cfg', '%s-lync.cfg' % mac, 'site.cfg', 'lync-shared.cfg']
    assert phones[MACS[1]]['parameters']['reg.1.auth.password']['value'] == '********'
    # the module's Lync check agrees with the phones' Menu > Status > Lines
    assert [phones[mac]['lync']['ready'] for mac in MACS] == [reports[mac]['lync']['registered'] for mac in MACS] == [True, True]
    assert [phones[mac]['lync']['credentials'] for mac in MACS] == ['phone', 'file']
    assert everything['summary']['phones'] == 2 and everything['summary']['lync_ready'] == 2
    assert everything['summary']['phones_with_errors'] == MACS  # both read site.cfg with its out-of-range value
    findings = phones[MACS[0]]['findings']

    def found(kind, **match):
        return [f for f in findings if f['kind'] == kind and all(f.get(k) == v for k, v in match.items())]

    assert found('shadowed', parameter='voIpProt.server.1.address', file='lync-shared.cfg', shadowed_by='site.cfg', severity='warning')
    unknown = found('unknown_parameter')
    assert [(f['parameter'], f['file']) for f in unknown] == [('volpProt.SIP.use486forReject', 'lync-shared.cfg')]
    assert 'did you mean voIpProt.SIP.use486forReject?' in unknown[0]['message']
    assert found('out_of_range', parameter='pres.idleTimeout.offHours.period', file='site.cfg', severity='error')
    assert found('encrypted', file='secret.cfg')
    one = run.task('one phone', 'localhost')
    assert one['macs'] == [MACS[1]]
    assert one['phones'][0]['parameters']['reg.1.auth.password']['value'] == NASTY_PASSWORD
    assert not [text for text in strings(everything) if NASTY_PASSWORD in text]
    assert [text for text in strings(one) if NASTY_PASSWORD in text]


def strings(value):
    """Every string inside a result (keys and values)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return [value] if isinstance(value, str) else []


# -- end to end: the lync_provisioning role writes the share, phones boot from it ------------------------------

# What the guide says the files must hold (Tables 2-4), written out here independently of the role.
TABLE_2 = [
    ('feature.presence.enabled', '1'), ('feature.messaging.enabled', '1'), ('sec.srtp.require', '1'), ('sec.srtp.key.lifetime', '2^31'),
    ('sec.srtp.mki.enabled', '1'), ('sec.srtp.mki.length', '1'), ('sec.srtp.holdWithNewKey', '0'), ('sec.srtp.resumeWithNewKey', '0'),
    ('voIpProt.SIP.mtls.enable', '0'), ('voIpProt.server.1.specialInterop', 'lync2010'), ('voIpProt.server.1.address', POOL),
    ('voIpProt.server.1.transport', 'TLS'), ('tcpIpApp.keepalive.tcp.sip.tls.enable', '1'), ('voIpProt.SIP.IM.autoAnswerDelay', '40'),
    ('voIpProt.SIP.allowTransferOnProceeding', '0'), ('voice.codecPref.G7221.24kbps', '5'), ('voice.codecPref.G7221.32kbps', '0'),
    ('voice.audioProfile.G7221.24kbps.payloadType', '112'), ('video.iFrame.Delay', '2'), ('sec.TLS.profileSelection.SIP', 'ApplicationProfile1'),
]
ROLE_PHONES = [
    dict(mac='00:04:F2:A0:00:11', address='sip:jsmith@bor-ee.com', model='VVX500', user='jsmith', password=NASTY_PASSWORD, domain='BOR-EE'),
    dict(mac='00-04-F2-A0-00-12', address="sip:o'brien@bor-ee.com", model='SPIP650', user='obrien', password='Pl&in<>Pw', domain='BOR-EE',
         params={'pres.idleTimeout.offHours.period': '30'}),
]


def role_meant(phone, credentials, ca_pem):
    """The effective parameters the phone should end up with: name -> (value, file)."""
    mac = phone['mac'].replace(':', '').replace('-', '').lower()
    per_phone = [('reg.1.address', phone['address'])]
    if credentials == 'phone':
        per_phone.append(('reg.1.auth.useLoginCredentials', '1'))
    else:
        per_phone += [('reg.1.auth.userId', phone['user']), ('reg.1.auth.password', phone['password']), ('reg.1.auth.domain', phone['domain'])]
    per_phone += [('msg.mwi.1.callBackMode', 'contact'), ('msg.mwi.1.callBack', phone['address'] + ';opaque=app:voicemail'),
                  ('roaming_buddies.reg', '1')] + sorted(phone.get('params', {}).items())
    shared = TABLE_2 + [('sec.TLS.customCaCert.1', ca_pem.strip()), ('callLists.logConsultationCalls', '0')]
    return mac, merged((per_phone, '%s-lync.cfg' % mac), (shared, 'lync-shared.cfg'))


@pytest.mark.parametrize('credentials, master, protocol', [('phone', 'generic', 'ftp'), ('file', 'per_phone', 'https')])
def test_the_role_provisions_and_the_phones_boot_with_what_it_meant(share, credentials, master, protocol):
    phones = [dict((k, v) for k, v in p.items() if credentials == 'file' or k not in ('user', 'password', 'domain')) for p in ROLE_PHONES]
    with open(share.ca, encoding='utf-8') as handle:
        ca_pem = handle.read()   # a real certificate: the role checks the PEM
    role = {'role': 'lync_provisioning', 'vars': {
        'lync_provisioning_share_root': '{{ share_root }}', 'lync_provisioning_pool_address': POOL,
        'lync_provisioning_ca_certificate': ca_pem, 'lync_provisioning_credentials': credentials,
        'lync_provisioning_share_https': protocol == 'https', 'lync_provisioning_master': master, 'lync_provisioning_phones': phones,
        'lync_provisioning_shared_params': {'callLists.logConsultationCalls': '0'}}}
    run = share.play([], roles=[role])
    assert run.rc == 0, run.output
    # the role's own check read the share as planned, as the phones then read it
    checked = [r['result']['share'] for r in run.results if r['task'].endswith('write the Lync provisioning files')]
    assert [(c['phones'], c['errors'], c['lync_ready'], c['phones_with_errors']) for c in checked] == [(2, 0, 2, [])]
    masters = sorted(n for n in os.listdir(share.root) if n.endswith('.cfg') and len(n) == 16)
    for phone in ROLE_PHONES:
        mac, meant = role_meant(phone, credentials, ca_pem)
        report = share.boot(mac, model=phone['model'], login=('u', 'p', 'd') if credentials == 'phone' else None, protocol=protocol)
        assert report['booted'] and not report['errors'] and not report['rejected'] and not report['unreadable'], report
        assert report['master'] == ('000000000000.cfg' if master == 'generic' else '%s.cfg' % mac)
        assert report['parameters'] == meant
        assert report['lync']['registered'] and report['lync']['credentials'] == ('login' if credentials == 'phone' else 'file')
    assert masters == (['000000000000.cfg'] if master == 'generic' else sorted('%s.cfg' % role_meant(p, credentials, ca_pem)[0] for p in ROLE_PHONES))

    if credentials == 'phone':
        # a user changes a setting in the phone's web UI; the phone uploads its override file; the role runs again
        mac = role_meant(ROLE_PHONES[0], credentials, ca_pem)[0]
        client = share.ftp()
        try:
            client.storbinary('STOR overrides/%s-web.cfg' % mac, io.BytesIO(
                xml_file([('pres.idleTimeout.offHours.period', '45')], root='PHONE_CONFIG', element='OVERRIDES').encode('utf-8')))
        finally:
            client.quit()
        again = share.play([], roles=[role])
        assert again.rc == 0 and again.changed() == 0, again.output
        report = share.boot(mac, login=('u', 'p', 'd'))
        assert report['parameters']['pres.idleTimeout.offHours.period'] == {'value': '45', 'source': 'overrides/%s-web.cfg' % mac}


def test_the_role_fails_when_the_phones_would_read_a_broken_share(share):
    """A file the role does not manage, listed first in CONFIG_FILES, carries a value phones reject: the role's check fails
    before writing, and a phone booting from the untouched share shows that nothing of the role reached it."""
    share.write('site-extra.cfg', xml_file([('voIpProt.server.1.transport', 'TCPOny')]))
    role = {'role': 'lync_provisioning', 'vars': {
        'lync_provisioning_share_root': '{{ share_root }}', 'lync_provisioning_pool_address': POOL,
        'lync_provisioning_phones': [dict(mac=ROLE_PHONES[0]['mac'], address=ROLE_PHONES[0]['address'])],
        'lync_provisioning_config_files_first': ['site-extra.cfg']}}
    run = share.play([], roles=[role])
    assert run.rc == 2, run.output
    failed = [r for r in run.results if r['status'] == 'failed']
    assert [r['task'].rsplit(' : ', 1)[-1] for r in failed] == [
        'Validate, render, check as the phones will read it, and write the Lync provisioning files']
    message = failed[0]['result']['msg']
    assert message.startswith('nothing was written')
    assert '0004f2a00011' in message and 'voIpProt.server.1.transport="TCPOny"' in message and 'transport DNSnaptr' in message
    assert failed[0]['result']['share']['phones_with_errors'] == ['0004f2a00011']
    report = share.boot('0004f2a00011', login=('u', 'p', 'd'))
    assert not report['booted'] and not report['lync']['registered']
