"""Lync catalogue, validation, escaping and layout (module_utils/ucs_lync.py)."""
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.polycom.uc.plugins.module_utils import ucs_lync as u

PEM = u"""-----BEGIN CERTIFICATE-----
MIIBRDCB66ADAgECAgIQkjAKBggqhkjOPQQDAjAhMR8wHQYDVQQDDBZwb2x5Y29t
LnVjIGxhYiBMeW5jIENBMB4XDTI2MDEwMTAwMDAwMFoXDTM1MTIzMDAwMDAwMFow
ITEfMB0GA1UEAwwWcG9seWNvbS51YyBsYWIgTHluYyBDQTBZMBMGByqGSM49AgEG
CCqGSM49AwEHA0IABOzFt8AwEDecXHkuHxeEtZB7fwKRYXonQ1zADiZgMDnueDc7
RbYteCtGVyLUeZSXTkPWOhiJKdhXslKYrggDnHOjEzARMA8GA1UdEwEB/wQFMAMB
Af8wCgYIKoZIzj0EAwIDSAAwRQIgZ2C2P78hrkOYhu6ARO/0Ew1O8AGUfGa2V3T0
GIlzWCMCIQCdPcopg1ubwc17cvdlBk/680ytA+359rHtAFS+R8wclQ==
-----END CERTIFICATE-----"""
NASTY = u'p&ss<w>rd"\'; x'


def phones(*rows):
    problems = []
    found = [u.phone_from_mapping('phones[%d]' % i, row, problems) for i, row in enumerate(rows)]
    assert problems == []
    return found


def plan(rows=None, **opts):
    opts.setdefault('pool_address', 'lyncpool.bor-ee.com')
    rows = rows if rows is not None else [{'mac': '00:04:f2:00:00:01', 'address': 'sip:jsmith@bor-ee.com'}]
    return u.build_plan(opts, phones(*rows))


def problems_of(rows=None, csv=None, **opts):
    """Every problem the validation reports for these inputs (CSV text, phone rows, options)."""
    problems, found = [], []
    for i, row in enumerate(rows or []):
        phone = u.phone_from_mapping('phones[%d]' % i, row, problems)
        if phone is not None:
            found.append(phone)
    if csv is not None:
        found.extend(u.phones_from_csv(csv, 'phones.csv', problems))
    opts.setdefault('pool_address', 'lyncpool.bor-ee.com')
    try:
        u.build_plan(opts, found)
    except u.LyncError as exc:
        problems.extend(exc.problems)
    return problems


def params(item):
    return dict(item.params)


# -- the catalogue ----------------------------------------------------------------------------------
def test_the_guides_assigned_values_pass_their_own_checks():
    for param in u.CATALOGUE:
        if param.value is not None:
            assert param.normalise(param.value) == (param.value, None), param.name


def test_table_2_is_complete_and_in_the_guides_order():
    names = [p.name for p in u.TABLE_2]
    assert names[:3] == ['feature.presence.enabled', 'feature.messaging.enabled', 'sec.srtp.require']
    assert names[-2:] == ['sec.TLS.profileSelection.SIP', 'sec.TLS.customCaCert.1']
    assert len(names) == 21


def test_patterns_of_table_5_match_any_registration_and_server():
    assert u.lookup('reg.3.server.2.transport').name == 'reg.x.server.y.transport'
    assert u.lookup('reg.1.srtp.offer').name == 'reg.x.srtp.offer'
    assert u.lookup('reg.0.srtp.offer') is None
    assert u.lookup('no.such.param') is None


@pytest.mark.parametrize('typo, expected', [
    ('volpProt.SIP.use486forReject', 'voIpProt.SIP.use486forReject'),
    ('reg.2.server.1.transprt', 'reg.2.server.1.transport'),
    ('pres.idleTimeout.offHours.perod', 'pres.idleTimeout.offHours.period'),
    ('sec.srtp.enabled', 'sec.srtp.enable'),
    ('FEATURE.PRESENCE.ENABLED', 'feature.presence.enabled'),
    ('completely.different.thing', None),
])
def test_closest_known_name(typo, expected):
    assert u.closest(typo) == expected


def test_unknown_names_are_warnings_with_the_closest_name():
    result = plan(shared_params={'volpProt.SIP.use486forReject': 1, 'tcpIpApp.sntp.address': 'ntp.example.com'})
    assert "shared_params: parameter 'volpProt.SIP.use486forReject' is not in the Lync guide's tables (2-5); " \
           "closest known name: 'voIpProt.SIP.use486forReject'" in result.warnings
    assert any("'tcpIpApp.sntp.address'" in w and 'closest' not in w for w in result.warnings)
    assert params(result.items[0])['volpProt.SIP.use486forReject'] == '1'


@pytest.mark.parametrize('value, expected', [(True, '1'), (False, '0'), (1, '1'), ('0', '0'), (' 1 ', '1')])
def test_booleans_are_written_as_0_or_1(value, expected):
    assert params(plan(shared_params={'sec.srtp.offer': value}).items[0])['sec.srtp.offer'] == expected


# -- MAC addresses ----------------------------------------------------------------------------------
@pytest.mark.parametrize('text', ['00:04:F2:AB:CD:EF', '00-04-f2-ab-cd-ef', '0004.F2AB.CDEF', '0004f2abcdef', ' 0004F2ABCDEF '])
def test_mac_notations_normalise_to_12_lower_case_hex_digits(text):
    assert u.normalise_mac(text) == '0004f2abcdef'


@pytest.mark.parametrize('text', ['0004f2abcde', '0004f2abcdeg', '00:04:f2:ab:cd', '00:04-f2:ab:cd:ef:01', '000000000000',
                                  'ff:ff:ff:ff:ff:ff', '', None, 4242, '00.04.f2.ab.cd.ef'])
def test_bad_macs_are_rejected(text):
    assert u.normalise_mac(text) is None


# -- escaping ---------------------------------------------------------------------------------------
@pytest.mark.parametrize('value', [NASTY, PEM, u'tab\there\r\nand\nnewline', u'<![CDATA[x]]> &amp; --> <!--', u'\u00e9\u4e2d\U0001f600'])
def test_escaped_attribute_values_parse_back_to_the_original(value):
    root = ET.fromstring((u'<x %s/>' % u.attribute('a.b', value)).encode('utf-8'))
    assert root.get('a.b') == value


def test_rendered_values_round_trip_through_an_xml_parser():
    result = plan([{'mac': '0004f2000001', 'address': "sip:o'brien@bor-ee.com", 'user': 'bor-ee\\jsmith', 'password': NASTY}],
                  credentials='file', share_https=True, auth_domain='BOR-EE', ca_certificate=PEM)
    phone = [i for i in result.items if i.kind == 'phone'][0]
    shared = result.items[0]
    for item in (phone, shared):
        text = u'<polycomConfig><x %s/></polycomConfig>' % u' '.join(item.data().attributes)
        _tag, found = u.parse_parameters(text)
        assert found == item.params
    assert dict(phone.params)['reg.1.auth.password'] == NASTY
    assert dict(shared.params)['sec.TLS.customCaCert.1'] == PEM


# -- per-phone files in both credential modes ----------------------------------------------------------
def test_credentials_at_the_phone_is_table_3():
    result = plan([{'mac': '00:04:F2:00:00:01', 'address': 'sip:jsmith@bor-ee.com', 'user': 'jsmith', 'password': 'pw'}])
    phone = [i for i in result.items if i.kind == 'phone'][0]
    assert phone.path == '0004f2000001-lync.cfg'
    assert phone.params == [('reg.1.address', 'sip:jsmith@bor-ee.com'), ('reg.1.auth.useLoginCredentials', '1'),
                            ('msg.mwi.1.callBackMode', 'contact'), ('msg.mwi.1.callBack', 'sip:jsmith@bor-ee.com;opaque=app:voicemail'),
                            ('roaming_buddies.reg', '1')]
    assert phone.mode is None
    assert any('credentials: phone' in w for w in result.warnings)


def test_credentials_in_the_file_is_table_4_and_mode_0640():
    result = plan([{'mac': '0004f2000001', 'address': 'sip:jsmith@bor-ee.com', 'user': 'jsmith', 'password': 'pw'}],
                  credentials='file', share_https=True, auth_domain='BOR-EE')
    phone = [i for i in result.items if i.kind == 'phone'][0]
    assert phone.params == [('reg.1.address', 'sip:jsmith@bor-ee.com'), ('reg.1.auth.userId', 'jsmith'), ('reg.1.auth.password', 'pw'),
                            ('reg.1.auth.domain', 'BOR-EE'), ('msg.mwi.1.callBackMode', 'contact'),
                            ('msg.mwi.1.callBack', 'sip:jsmith@bor-ee.com;opaque=app:voicemail'), ('roaming_buddies.reg', '1')]
    assert phone.mode == '0640'


def test_credentials_in_the_file_with_an_explicit_override():
    result = plan([{'mac': '0004f2000001', 'address': 'sip:a@b.com', 'user': 'a', 'password': 'p', 'domain': 'B'}],
                  credentials='file', allow_insecure_credentials=True)
    assert dict([i for i in result.items if i.kind == 'phone'][0].params)['reg.1.auth.domain'] == 'B'


def test_precedence_phone_over_group_over_table():
    rows = [{'mac': '0004f2000001', 'address': 'sip:a@b.com', 'group': 'hq',
             'params': {'pres.idleTimeout.offHours.period': 30, 'msg.mwi.1.callBackMode': 'registration'}}]
    result = plan(rows, group_params={'hq': {'pres.idleTimeout.offHours.period': 20, 'voIpProt.SIP.IM.autoAnswerDelay': 10}})
    phone = params([i for i in result.items if i.kind == 'phone'][0])
    assert phone['pres.idleTimeout.offHours.period'] == '30'
    assert phone['voIpProt.SIP.IM.autoAnswerDelay'] == '10'
    assert phone['msg.mwi.1.callBackMode'] == 'registration'


def test_shared_params_replace_table_2_in_place_and_warn_when_shadowed():
    result = plan(shared_params={'voIpProt.SIP.IM.autoAnswerDelay': 15, 'roaming_buddies.reg': 1})
    shared = result.items[0]
    names = [n for n, _v in shared.params]
    assert names.index('voIpProt.SIP.IM.autoAnswerDelay') == [p.name for p in u.TABLE_2].index('voIpProt.SIP.IM.autoAnswerDelay')
    assert params(shared)['voIpProt.SIP.IM.autoAnswerDelay'] == '15'
    assert params(shared)['voIpProt.server.1.address'] == 'lyncpool.bor-ee.com'
    assert any("'roaming_buddies.reg' is also set by every per-phone file" in w for w in result.warnings)


# -- master files -----------------------------------------------------------------------------------
def test_generic_master_puts_the_phone_file_left_of_the_shared_file():
    result = plan(config_files_first=['site.cfg'], config_files_last=['sip-basic.cfg'], app_file_path_by_model={'VVX500': 'fw/vvx500.ld'})
    master = [i for i in result.items if i.kind == 'master']
    assert [m.path for m in master] == ['000000000000.cfg']
    attrs = dict(master[0].params)
    assert attrs['CONFIG_FILES'] == 'site.cfg, [PHONE_MAC_ADDRESS]-lync.cfg, lync-shared.cfg, sip-basic.cfg'
    assert attrs['APP_FILE_PATH_VVX500'] == 'fw/vvx500.ld'
    assert attrs['APP_FILE_PATH'] == 'sip.ld'


def test_per_phone_masters_name_the_phones_own_file():
    result = plan([{'mac': '0004f2000001', 'address': 'sip:a@b.com'}, {'mac': '0004f2000002', 'address': 'sip:b@b.com'}],
                  master='per_phone', directories={'log': 'logs', 'overrides': 'ovr'})
    masters = dict((i.path, dict(i.params)) for i in result.items if i.kind == 'master')
    assert sorted(masters) == ['0004f2000001.cfg', '0004f2000002.cfg']
    assert masters['0004f2000002.cfg']['CONFIG_FILES'] == '0004f2000002-lync.cfg, lync-shared.cfg'
    assert masters['0004f2000002.cfg']['OVERRIDES_DIRECTORY'] == 'ovr'
    assert masters['0004f2000002.cfg']['CONTACTS_DIRECTORY'] == ''
    assert ('logs', '0775') in result.directories and ('ovr', '0775') in result.directories
    assert 'ovr/*' in result.protect and '*-phone.cfg' in result.protect


def test_all_in_one_holds_shared_and_table_3_never_a_password():
    result = plan([{'mac': '0004f2000001', 'address': 'sip:a@b.com', 'user': 'a', 'password': 'secret-pw', 'domain': 'B'}],
                  credentials='file', share_https=True, all_in_one=True)
    web = [i for i in result.items if i.kind == 'all_in_one'][0]
    assert web.path == 'web-utility/0004f2000001-lync-all-in-one.cfg'
    values = params(web)
    assert values['reg.1.auth.useLoginCredentials'] == '1' and values['feature.presence.enabled'] == '1'
    assert 'reg.1.auth.password' not in values and 'secret-pw' not in repr(web.params)


# -- CSV --------------------------------------------------------------------------------------------
def test_csv_with_bom_comments_blank_lines_and_param_columns():
    text = (u'\ufeffmac,address,model,group,param:pres.idleTimeout.offHours.period\n# a comment\n\n'
            u'00:04:f2:00:00:01,sip:a@b.com,VVX500,hq,30\n0004f2000002,sip:b@b.com,,,\n')
    problems = []
    found = u.phones_from_csv(text, 'phones.csv', problems)
    assert problems == []
    assert [(p.mac, p.model, p.group, p.params) for p in found] == [
        ('0004f2000001', 'VVX500', 'hq', [('pres.idleTimeout.offHours.period', '30')]), ('0004f2000002', None, None, [])]
    assert found[1].where == 'phones.csv line 5 (mac 0004f2000002)'


def test_csv_header_problems_name_the_column():
    problems = []
    u.phones_from_csv(u'mac,adress\n0004f2000001,sip:a@b.com\n', 'phones.csv', problems)
    assert "phones.csv line 1: unknown column 'adress'; columns are mac, address, user, password, domain, model, group " \
           "and param:<parameter name> (did you mean 'address'?)" in problems
    assert "phones.csv line 1: the header has no 'address' column" in problems


# -- 20+ bad inputs, each named --------------------------------------------------------------------------
GOOD = {'mac': '0004f2000001', 'address': 'sip:jsmith@bor-ee.com'}
BAD_INPUTS = [
    (dict(rows=[dict(GOOD, mac='00:04:f2:zz:00:01')]), "phones[0]: mac '00:04:f2:zz:00:01' is not a phone MAC address"),
    (dict(rows=[dict(GOOD, mac='000000000000')]), "mac '000000000000' is not a phone MAC address"),
    (dict(rows=[{'address': 'sip:a@b.com'}]), 'phones[0]: mac is missing'),
    (dict(rows=[dict(GOOD, mac=4112345670)]), "mac '4112345670' is not a phone MAC address; give 12 hex digits"),
    (dict(rows=[dict(GOOD, mac=4112345670)]), '(YAML read it as a number: quote it)'),
    (dict(rows=[GOOD, dict(GOOD, mac='00-04-F2-00-00-01', address='sip:b@bor-ee.com')]),
     'phones[0] (mac 0004f2000001) and phones[1] (mac 0004f2000001): the same MAC 0004f2000001 is listed twice'),
    (dict(rows=[dict(GOOD, address='jsmith@bor-ee.com')]),
     "phones[0] (mac 0004f2000001): address 'jsmith@bor-ee.com' must be a SIP sign-in address sip:user@domain"),
    (dict(rows=[dict(GOOD, address='sip:jsmith')]), "address 'sip:jsmith' must be a SIP sign-in address"),
    (dict(rows=[dict(GOOD, address='sip:j smith@bor-ee.com')]), 'must be a SIP sign-in address'),
    (dict(rows=[dict(GOOD, address='sips:jsmith@bor-ee.com')]), 'must be a SIP sign-in address'),
    (dict(rows=[{'mac': '0004f2000001'}]), 'phones[0] (mac 0004f2000001): address is missing'),
    (dict(rows=[dict(GOOD, adress='x')]), "phones[0]: unknown field 'adress'; fields are mac, address"),
    (dict(rows=[dict(GOOD, model='VVX 500')]), "model 'VVX 500' must be letters and digits"),
    (dict(rows=[dict(GOOD, params={'pres.idleTimeout.offHours.period': 601})]),
     'phones[0] (mac 0004f2000001) params: pres.idleTimeout.offHours.period = 601: must be an integer from 1 to 600'),
    (dict(rows=[dict(GOOD, params={'pres.idleTimeout.offHours.period': 0})]), 'must be an integer from 1 to 600'),
    (dict(shared_params={'reg.1.server.1.transport': 'tls'}),
     "shared_params: reg.1.server.1.transport = 'tls': must be one of DNSnaptr, TCPpreferred, UDPOnly, TLS, TCPOnly"),
    (dict(shared_params={'reg.1.server.1.transport': 'TCPOny'}), 'must be one of DNSnaptr, TCPpreferred, UDPOnly, TLS, TCPOnly'),
    (dict(shared_params={'reg.1.server.1.specialInterop': 'lync2013'}), 'must be one of standard, ocs2007r2, lcs2005, lync2010'),
    (dict(shared_params={'voIpProt.server.1.specialInterop': 'Lync2010'}), 'must be one of standard, ocs2007r2, lcs2005, lync2010'),
    (dict(shared_params={'feature.presence.enabled': 2}), "shared_params: feature.presence.enabled = 2: must be 0 or 1"),
    (dict(shared_params={'sec.srtp.require': 'yes'}), "sec.srtp.require = 'yes': must be 0 or 1"),
    (dict(shared_params={'sec.srtp.key.lifetime': '2^99'}), 'a power of two written 2^N'),
    (dict(shared_params={'voice.audioProfile.G7221.24kbps.payloadType': 20}), 'must be an integer from 96 to 127'),
    (dict(shared_params={'bad name': 1}), "parameter name 'bad name' is not a UC Software parameter name"),
    (dict(shared_params={'x.y': ['a', 'b']}), 'x.y = ' + repr(['a', 'b']) + ': must be a single value'),
    (dict(shared_params={'x.y': u'bell\x07'}), 'must be text without control characters'),
    (dict(group_params={'hq': {'reg.1.srtp.enable': 'on'}}), "group_params.hq: reg.1.srtp.enable = 'on': must be 0 or 1"),
    (dict(pool_address='lync pool'), "pool_address/ca_certificate (Table 2): voIpProt.server.1.address = 'lync pool': must be a host name"),
    (dict(pool_address=None), 'pool_address: missing; give the domain name of the Lync Director'),
    (dict(ca_certificate='MIIB...'), 'sec.TLS.customCaCert.1'),
    (dict(ca_certificate='-----BEGIN CERTIFICATE-----\nnot*base64\n-----END CERTIFICATE-----'), 'must be a PEM certificate'),
    (dict(rows=[dict(GOOD, user='j', password='p', domain='D')], credentials='file'),
     'credentials: file puts SIP passwords into the per-phone files; the guide recommends this only when phones fetch the share over HTTPS'),
    (dict(rows=[dict(GOOD, user='j')], credentials='file', share_https=True),
     'phones[0] (mac 0004f2000001): password is missing; credentials: file (Table 4) needs user, password and domain'),
    (dict(shared_params={'device.sec.configEncryption.key': 'Crypt=1;KeyDesc=k;Key=00;'}), 'carry secrets'),
    (dict(rows=[dict(GOOD, params={'reg.1.auth.password': 'x'})]), 'parameters reg.1.auth.password carry secrets'),
    (dict(phone_file='lync.cfg'), "phone_file: 'lync.cfg' must contain [PHONE_MAC_ADDRESS]"),
    (dict(phone_file='../[PHONE_MAC_ADDRESS].cfg'), 'must be a relative path'),
    (dict(phone_file='[PHONE_MAC_ADDRESS]-phone.cfg'), 'is where phones upload their own files'),
    (dict(phone_file='logs/[PHONE_MAC_ADDRESS].cfg'), 'is where phones upload their own files'),
    (dict(shared_file='/etc/lync.cfg'), 'shared_file'),
    (dict(phone_file='[PHONE_MAC_ADDRESS]', shared_file='0004f2000001'), 'both would be written to 0004f2000001'),
    (dict(config_files_first=['a' * 256 + '.cfg']), 'is 260 characters; at most 255 allowed'),
    (dict(config_files_first=['site-%03d-%s.cfg' % (i, 'x' * 200) for i in range(10)]), 'CONFIG_FILES is 2'),
    (dict(directories={'logs': 'logs'}), "directories: unknown key 'logs'"),
    (dict(master='perphone'), "master: 'perphone' must be one of generic, per_phone"),
    (dict(rows=[dict(GOOD, mac='0004f20000%02x' % i, address='sip:u%d@b.com' % i) for i in range(20)], all_in_one=True),
     'all_in_one: 20 phones; the guide suggests the Web Configuration Utility for fewer than 20 phones'),
    (dict(csv=u'mac,address\n0004f2000001,sip:a@b.com,extra\n'), 'phones.csv line 2: 3 cells but the header has 2 columns'),
    (dict(csv=u'mac,address,param:pres.idleTimeout.officeHours.period\n0004f2000001,sip:a@b.com,700\n'),
     "phones.csv line 2 (mac 0004f2000001) params: pres.idleTimeout.officeHours.period = '700': must be an integer from 1 to 600"),
]


@pytest.mark.parametrize('inputs, expected', BAD_INPUTS, ids=['bad-%02d' % i for i in range(len(BAD_INPUTS))])
def test_bad_input_is_refused_naming_row_field_and_allowed_values(inputs, expected):
    inputs = dict(inputs)
    rows = inputs.pop('rows', None)
    if rows is None and 'csv' not in inputs:
        rows = [GOOD]
    found = problems_of(rows, **inputs)
    assert any(expected in problem for problem in found), found


def test_secrets_never_appear_in_problems():
    found = problems_of([dict(GOOD, user='j', password='Very&Secret1', domain='D', params={'reg.1.auth.password': 'Other&Secret2'})],
                        credentials='file')
    assert found and not any('Secret' in problem for problem in found)
    found = problems_of([dict(GOOD, password=['Secret'])])
    assert 'phones[0] (mac 0004f2000001): password must be text, got ********' in found


def test_lyncerror_message_counts_and_shortens():
    exc = u.LyncError(['p%d' % i for i in range(50)])
    assert str(exc).startswith('50 problem(s), nothing was written: p0; p1')
    assert str(exc).endswith('... and 10 more')


def test_verify_rendered_catches_malformed_xml_and_template_values():
    result = plan()
    phone = [i for i in result.items if i.kind == 'phone'][0]
    master = [i for i in result.items if i.kind == 'master'][0]
    good = u'<polycomConfig><x %s/></polycomConfig>' % u' '.join(phone.data().attributes)
    assert u.verify_rendered([phone], [good]) == []
    bad = u.verify_rendered([phone, phone, master], [
        u'<polycomConfig><x a="AT&T"/></polycomConfig>',
        u'<polycomConfig><x %s sec.srtp.offer="2"/></polycomConfig>' % u' '.join(phone.data().attributes),
        u'<polycomConfig/>'])
    assert 'not well-formed XML' in bad[0]
    assert "phone file 0004f2000001-lync.cfg (phones[0] (mac 0004f2000001)): sec.srtp.offer = '2': must be 0 or 1" in bad[1]
    assert 'the master file must have the root element APPLICATION' in bad[2]


@pytest.mark.parametrize('data, problem', [
    (u'mac,address\n'.encode('utf-16'), 'x.csv: the file is UTF-16'),
    (u'mac,address\n0004f2b00001,sip:m\xfcller@b.example\n'.encode('cp1252'), 'x.csv line 2: byte 0xfc is not UTF-8'),
    (b'mac,address\r0004f2b00001,sip:a@b.example\r', 'x.csv: its lines end in CR only'),
])
def test_csv_files_that_are_not_utf8_with_lf_or_crlf_are_refused_naming_file_and_line(data, problem):
    with pytest.raises(u.LyncError) as caught:
        u.csv_text(data, 'x.csv')
    assert problem in str(caught.value)


def test_csv_text_takes_utf8_with_or_without_bom_and_crlf():
    assert u.csv_text(u'\ufeffmac,address\r\n'.encode('utf-8'), 'x.csv') == u'mac,address\r\n'


@pytest.mark.parametrize('value, word', [({}, 'a mapping'), ([], 'a list'), (True, 'a boolean'), (1.5, 'a number'), ('x', 'text'), (None, 'nothing (null)')])
def test_messages_name_kinds_in_words(value, word):
    assert u.kind_of(value) == word
