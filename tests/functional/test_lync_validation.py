"""Bad input never reaches the share: dozens of cases in one playbook, each refused naming the row/field and what is allowed."""
import os

from lync_helpers import POOL, lync_share, mac, phone, result_of, touched  # noqa: F401 pylint: disable=unused-import


def write(path, text):
    with open(path, 'w') as handle:
        handle.write(text)
    return path


def write_bytes(path, data):
    with open(path, 'wb') as handle:
        handle.write(data)
    return path


def cases(workdir, root):
    good = [phone(1), phone(2)]
    csv_unknown = write(os.path.join(workdir, 'unknown.csv'), 'mac,adress\n0004f2b00001,sip:a@bor-ee.com\n')
    csv_bad_mac = write(os.path.join(workdir, 'badmac.csv'), 'mac,address\n0004f2b00001,sip:a@bor-ee.com\n00:04:f2:b0:00,sip:b@bor-ee.com\n')
    csv_dup = write(os.path.join(workdir, 'dup.csv'), 'mac,address\n00-04-F2-B0-00-02,sip:b@bor-ee.com\n')
    malformed = write(os.path.join(workdir, 'malformed.j2'), '<polycomConfig><lync a="AT&T" {{ attributes | join(" ") }}/></polycomConfig>\n')
    out_of_range = write(os.path.join(workdir, 'range.j2'),
                         '<polycomConfig><lync {{ attributes | join(" ") }} pres.idleTimeout.offHours.period="0"/></polycomConfig>\n')
    utf16 = write_bytes(os.path.join(workdir, 'utf16.csv'), u'mac,address\n0004f2b00001,sip:a@bor-ee.com\n'.encode('utf-16'))
    cp1252 = write_bytes(os.path.join(workdir, 'cp1252.csv'), u'mac,address\n0004f2b00001,sip:j\xfcrgen@bor-ee.com\n'.encode('cp1252'))
    cr_only = write_bytes(os.path.join(workdir, 'cr.csv'), b'mac,address\r0004f2b00001,sip:a@bor-ee.com\r')
    upper = write(os.path.join(workdir, 'upper.csv'), 'MAC,address\n0004f2b00001,sip:a@bor-ee.com\n0004f2b00002,sip:b@bor-ee.com\n')
    file_mode = dict(credentials='file', share_https=True, auth_domain='BOR-EE')
    return [
        (dict(phones_csv=utf16), 'utf16.csv: the file is UTF-16 (or UTF-32) text'),
        (dict(phones_csv=cp1252), 'cp1252.csv line 2: byte 0xfc is not UTF-8'),
        (dict(phones_csv=cr_only), 'cr.csv: its lines end in CR only'),
        (dict(phones_csv=upper), "upper.csv line 1: unknown column 'MAC'; columns are mac, address, user, password, domain, model, group and "
                                 "param:<parameter name> (did you mean 'mac'?)"),
        (dict(phones=[phone(1, user='u1', password='   ')], **file_mode),
         'phones[0] (mac 0004f2b00001) password: reg.1.auth.password = ********: must be a non-empty text'),
        (dict(phones=[phone(1, user='u1', password='pw', domain='   ')], credentials='file', share_https=True),
         'phones[0] (mac 0004f2b00001): domain is missing'),
        (dict(phones=[{'mac': mac(1), 'address': 'sip:a@bor-ee.com', 'params': {'x.y': {'nested': 1}}}]),
         "phones[0] (mac 0004f2b00001) params: x.y = {'nested': 1}: must be a single value (text or number), not a mapping"),
        (dict(phones=[phone(1), ['not', 'a', 'phone']]), 'phones[1]: a phone must be a mapping with mac and address, got a list'),
        (dict(phones=[dict(mac='00:04:f2:zz:00:01', address='sip:a@bor-ee.com')]),
         "phones[0]: mac '00:04:f2:zz:00:01' is not a phone MAC address; give 12 hex digits"),
        (dict(phones=[phone(1), phone(1, mac='0004.f2b0.0001', address='sip:x@bor-ee.com')]),
         'phones[0] (mac 0004f2b00001) and phones[1] (mac 0004f2b00001): the same MAC 0004f2b00001 is listed twice'),
        (dict(phones=[phone(1, address='user1@bor-ee.com')]),
         "phones[0] (mac 0004f2b00001): address 'user1@bor-ee.com' must be a SIP sign-in address sip:user@domain"),
        (dict(phones=[{'mac': mac(1)}]), 'phones[0] (mac 0004f2b00001): address is missing'),
        (dict(phones=[phone(1, params={'pres.idleTimeout.offHours.period': 601})]),
         'phones[0] (mac 0004f2b00001) params: pres.idleTimeout.offHours.period = 601: must be an integer from 1 to 600'),
        (dict(shared_params={'reg.1.server.1.transport': 'TCPOny'}),
         "shared_params: reg.1.server.1.transport = 'TCPOny': must be one of DNSnaptr, TCPpreferred, UDPOnly, TLS, TCPOnly"),
        (dict(shared_params={'reg.1.server.1.specialInterop': 'lync2013'}), 'must be one of standard, ocs2007r2, lcs2005, lync2010'),
        (dict(shared_params={'reg.1.srtp.require': 2}), 'shared_params: reg.1.srtp.require = 2: must be 0 or 1'),
        (dict(group_params={'hq': {'pres.idleTimeout.officeHours.period': 'soon'}}),
         "group_params.hq: pres.idleTimeout.officeHours.period = 'soon': must be an integer from 1 to 600"),
        (dict(credentials='file', phones=[phone(1, user='u', password='p', domain='D')]),
         'credentials: file puts SIP passwords into the per-phone files; the guide recommends this only when phones fetch the share over HTTPS'),
        (dict(credentials='file', share_https=True, phones=[phone(1, user='u')]),
         'phones[0] (mac 0004f2b00001): password is missing; credentials: file (Table 4) needs user, password and domain'),
        (dict(pool_address=None), 'pool_address: missing; give the domain name of the Lync Director or front-end pool'),
        (dict(pool_address='lync_pool!'), "voIpProt.server.1.address = 'lync_pool!': must be a host name"),
        (dict(ca_certificate='-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----'), 'must be a PEM certificate'),
        (dict(phone_file='lync-phone.cfg'), "phone_file: 'lync-phone.cfg' must contain [PHONE_MAC_ADDRESS]"),
        (dict(phone_file='overrides/[PHONE_MAC_ADDRESS].cfg'), 'is where phones upload their own files'),
        (dict(config_files_first=['x' * 252 + '.cfg']), 'is 256 characters; at most 255 allowed'),
        (dict(config_files_last=['site-%02d-%s.cfg' % (i, 'y' * 190) for i in range(11)]), 'at most 2047 allowed'),
        (dict(all_in_one=True, phones=[phone(i) for i in range(1, 21)]),
         'all_in_one: 20 phones; the guide suggests the Web Configuration Utility for fewer than 20 phones'),
        (dict(phones_csv=csv_unknown), "unknown.csv line 1: unknown column 'adress'; columns are mac, address"),
        (dict(phones_csv=csv_bad_mac), "badmac.csv line 3: mac '00:04:f2:b0:00' is not a phone MAC address"),
        (dict(phones_csv=csv_dup), 'phones[1] (mac 0004f2b00002) and dup.csv line 2 (mac 0004f2b00002): the same MAC 0004f2b00002 is listed twice'),
        (dict(shared_params={'device.sec.configEncryption.key': 'Crypt=1;KeyDesc=k;Key=0123;'}),
         'parameters device.sec.configEncryption.key carry secrets; they are written only when phones fetch the share over HTTPS'),
        (dict(templates={'phone': malformed}), 'the rendered template is not well-formed XML'),
        (dict(templates={'phone': out_of_range}), 'pres.idleTimeout.offHours.period = \'0\': must be an integer from 1 to 600'),
        (dict(templates={'phones': malformed}), "templates: unknown key(s) phones; keys are shared, phone, master, all_in_one"),
        (dict(shared_params={'tcpIpApp.sntp.address': u'ntp\x01.bor-ee.com'}),
         "shared_params: tcpIpApp.sntp.address = 'ntp\\x01.bor-ee.com': must be text without control characters"),
        (dict(shared_params={'pres idle': 1}), "parameter name 'pres idle' is not a UC Software parameter name"),
        (dict(credentials='both'), 'credentials'),
    ], good, root


def test_bad_input_is_refused_before_anything_is_written(lync_share):
    assert lync_share.apply(lync_phones=[phone(1), phone(2)]).rc == 0
    overrides = lync_share.path('overrides', '%s-phone.cfg' % mac(1))
    with open(overrides, 'w') as handle:
        handle.write('<PHONE_CONFIG/>')
    before = lync_share.snapshot()
    bad, good, root = cases(lync_share.workdir, lync_share.root)
    assert len(bad) >= 20
    tasks = []
    for index, (args, _expected) in enumerate(bad):
        task_args = dict(root=root, pool_address=POOL, phones=good)
        task_args.update(args)
        if task_args['pool_address'] is None:
            del task_args['pool_address']
        tasks.append({'name': 'bad %02d' % index, 'polycom.uc.lync_files': task_args, 'failed_when': False, 'register': 'bad_%02d' % index})
    run = lync_share.tasks(tasks)
    assert run.rc == 0, run.output[-3000:]
    for index, (_args, expected) in enumerate(bad):
        result = run.task('bad %02d' % index, 'share')
        text = ' '.join([result.get('msg', '')] + list(result.get('problems') or []))
        assert expected in text, 'case %d: %r not in %r' % (index, expected, text)
        assert not result.get('created') and not result.get('changed'), index
        assert '_AnsibleTagged' not in text, (index, text)
    assert touched(before, lync_share.snapshot()) == []


def test_an_encrypted_file_on_the_share_is_never_replaced_by_plain_text(lync_share):
    """An admin ran configFileEncrypt on the shared file: the run (check mode too) refuses naming it, unless told to replace it."""
    assert lync_share.apply().rc == 0
    with open(lync_share.path('lync-shared.cfg'), 'wb') as handle:
        handle.write(b'Crypt=1;KeyDesc=site;Digest=8a61f5d3c7e2b9a04f1e6d2c3b5a7980;\n\x01\x02ciphertext')
    before = lync_share.snapshot()
    for check in (True, False):
        run = lync_share.apply(check=check)
        assert run.rc == 2 and 'refusing to replace lync-shared.cfg: it is encrypted' in result_of(run)['msg'], run.output[-2000:]
        assert lync_share.snapshot() == before
    forced = lync_share.apply(lync_provisioning_replace_encrypted=True)
    assert forced.rc == 0 and result_of(forced)['updated'] == ['lync-shared.cfg']
    assert lync_share.params('lync-shared.cfg')['voIpProt.server.1.address'] == POOL


def test_credential_files_without_a_group_warn_that_the_server_may_not_read_them(lync_share):
    phones = [phone(1, user='u1', password='pw1', domain='BOR-EE'), phone(2, user='u2', password='pw2', domain='BOR-EE')]
    run = lync_share.apply(lync_provisioning_credentials='file', lync_provisioning_share_https=True, lync_provisioning_phones=phones)
    assert run.rc == 0, run.output[-2000:]
    warning = '2 file(s) hold credentials and are written mode 0640, readable by owner and group only'
    assert warning in ' '.join(run.output.split())
    grouped = lync_share.apply(lync_provisioning_credentials='file', lync_provisioning_share_https=True, lync_provisioning_phones=phones,
                               lync_provisioning_file_group=str(os.getgid()))
    assert grouped.rc == 0 and warning not in ' '.join(grouped.output.split())
