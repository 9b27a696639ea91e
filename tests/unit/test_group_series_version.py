"""group_series_info minimum_version without a device (issue 13, N1/N2): the build number counts, a missing version is said."""
import pytest

from ansible_collections.polycom.uc.plugins.module_utils.group_series import SOFTWARE_UPDATE_UNSUPPORTED, system_facts, version_check


def device(software):
    return system_facts({'model': 'RealPresence Group 500', 'softwareVersion': software})


@pytest.mark.parametrize('software, minimum, ok', [
    ('Release - 6.2.2.2-4711', '6.2.2.2-4711', True),
    ('Release - 6.2.2.2-4712', '6.2.2.2-4711', True),
    ('Release - 6.2.2.2-4700', '6.2.2.2-4711', False),
    ('Release - 6.2.2.3-100', '6.2.2.2-4711', True),
    ('Release - 6.2.2.1-9999', '6.2.2.2-4711', False),
    ('Release - 6.2.2.2-100', '6.2.2.2', True),
    ('Release - 6.10.0-1', '6.9.9-99999', True),
])
def test_the_build_number_is_compared_when_the_minimum_gives_one(software, minimum, ok):
    assert version_check(device(software), minimum)[0] is ok


def test_a_build_below_the_minimum_says_both_builds():
    ok, problem = version_check(device('Release - 6.2.2.2-4700'), '6.2.2.2-4711')
    assert ok is False and problem == 'software 6.2.2.2-4700 is below minimum_version 6.2.2.2-4711; ' + SOFTWARE_UPDATE_UNSUPPORTED


def test_a_system_without_a_build_cannot_be_checked_against_a_minimum_with_one():
    ok, problem = version_check(device('6.2.2.2'), '6.2.2.2-4711')
    assert ok is False and 'without a build number; minimum_version 6.2.2.2-4711 cannot be checked to the build' in problem


def test_no_device_read_means_the_check_could_not_be_made():
    ok, problem = version_check(None, '6.2.2')
    assert ok is None and problem.startswith('minimum_version 6.2.2 could not be checked')
