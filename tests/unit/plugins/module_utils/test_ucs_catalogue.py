"""One catalogue: the writer (ucs_lync, ucs_files) and the share reader (ucs_share) agree on every rule."""
import pytest

from ansible_collections.polycom.uc.plugins.module_utils import ucs_files, ucs_lync, ucs_share

REGEX_NAMES = {'voIpProt.server.x.*': 'voIpProt.server.2.expires', 'reg.x.server.y.*': 'reg.1.server.2.retryTimeOut',
               'sec.srtp.*': 'sec.srtp.offer.HMAC_SHA1_80', 'device.*.set': 'device.sntp.serverName.set'}


def concrete(row):
    """A parameter name the row matches: x and y become indices, regex rows have an example."""
    if row.name in REGEX_NAMES:
        return REGEX_NAMES[row.name]
    return '.'.join({'x': '2', 'y': '1'}.get(part, part) for part in row.name.split('.'))


def samples(row):
    if row.kind == 'bool':
        return ['0', '1', '2', 'yes', '']
    if row.kind == 'int':
        return [str(row.minimum), str(row.maximum), str(row.minimum - 1), str(row.maximum + 1), 'ten']
    if row.kind == 'enum':
        return list(row.choices) + ['bogus', row.choices[0].lower() + 'x']
    return ['', 'not valid at all!', 'lyncpool.bor-ee.com', 'sip:jsmith@bor-ee.com', 'sip:jsmith@bor-ee.com;opaque=app:voicemail',
            'x' * (ucs_lync.MAX_VALUE_LENGTH + 1), '2^31', '12']


ROWS = [(concrete(row), row) for row in ucs_lync.CATALOGUE]


@pytest.mark.parametrize('name, row', ROWS, ids=[name for name, _row in ROWS])
def test_writer_refuses_exactly_the_values_the_reader_flags(name, row):
    assert ucs_lync.lookup(name) is row
    for value in samples(row):
        problems = []
        written = ucs_lync.Checker().value('test', name, value, problems)
        flagged = ucs_share.check_value(name, value) or ucs_share.check_content(name, value)
        assert (written is None) == bool(flagged), (name, value, problems, flagged)
        if row.kind != 'str':  # phones do not use such a value: the reader calls it an error, as the writer refuses it
            assert (written is None) == (ucs_share.check_value(name, value) is not None)


@pytest.mark.parametrize('name, row', ROWS, ids=[name for name, _row in ROWS])
def test_every_catalogue_name_is_known_to_the_reader(name, row):
    assert ucs_share.check_name(name) is None


@pytest.mark.parametrize('name', ['reg.1.auth.password', 'reg.7.auth.password', 'device.sec.configEncryption.key', 'x.passwd',
                                  'feature.secret', 'reg.1.auth.userId', 'sec.TLS.customCaCert.1', 'voIpProt.server.1.address'])
def test_one_secret_rule(name):
    writer = ucs_lync.is_secret(name)
    assert ucs_share.is_secret(name) == writer
    assert ucs_files.Masker().secret(name) == writer


@pytest.mark.parametrize('text', ['00:04:F2:AB:CD:EF', '0004.f2ab.cdef', '00-04-f2-ab-cd-ef', '0004f2abcdef', '000000000000',
                                  'ffffffffffff', '00:04:f2:ab:cd', '0004f2abcdeg', '00 04 f2 ab cd ef', ''])
def test_one_mac_rule(text):
    writer = ucs_lync.normalise_mac(text)
    if writer is None:
        with pytest.raises(ValueError):
            ucs_share.normalize_mac(text)
    else:
        assert ucs_share.normalize_mac(text) == writer


def test_one_list_of_phone_uploads_and_one_file_limit():
    assert ucs_files.DEFAULT_PROTECT == ucs_lync.PHONE_UPLOADS
    assert ucs_files.DEFAULT_SECRET_NAMES == ucs_lync.SECRET_NAME_PATTERNS
    assert ucs_share.MAX_FILE == ucs_lync.MAX_CONFIG_FILE
    assert set(ucs_share.UPLOAD_ATTRIBUTES) <= set(ucs_share.MASTER_ATTRIBUTES)
