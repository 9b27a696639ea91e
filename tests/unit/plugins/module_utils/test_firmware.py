import pytest

from ansible_collections.polycom.uc.plugins.module_utils.firmware import compare_versions, parse_version


@pytest.mark.parametrize('text, version', [
    ('Release - 6.2.2.8-670021', '6.2.2.8'),
    ('4.0.1.13681', '4.0.1.13681'),
    ('5.5.4.2255', '5.5.4.2255'),
    ('1.1.2.1007', '1.1.2.1007'),
    ('', None),
    (None, None),
])
def test_parse_version(text, version):
    assert parse_version(text) == version


@pytest.mark.parametrize('left, right, expected', [
    ('6.10.0', '6.9.9', 1),
    ('Release - 6.2.2.8-670021', '6.2.2.8', 0),
    ('6.0', '6.0.0.0', 0),
    ('5.9.1', '6.0', -1),
    ('1.1.2.46', '1.1.2.1007', -1),
])
def test_versions_compare_numerically(left, right, expected):
    assert compare_versions(left, right) == expected
