import pytest

from ansible_collections.polycom.uc.plugins.module_utils.group_series import (
    PROFILE_VALUES, PROFILES, model_key, profile_label, profile_value, support_problems, system_facts,
)


@pytest.mark.parametrize('text, value', [
    # the guide's words, as printed and as people type them
    ('Far, then Near', 'near-or-far'),
    ('far, then near', 'near-or-far'),
    ('FAR THEN NEAR', 'near-or-far'),
    ('Content, then Far', 'content-or-far'),
    ('content then far', 'content-or-far'),
    ('Content, then Far, then Near', 'all'),
    ('Content, then Near', 'content-or-near'),
    ('Far', 'far'),
    ('None', 'none'),
    # the command channel's own values pass through
    ('near-or-far', 'near-or-far'),
    ('content-or-far', 'content-or-far'),
    ('ALL', 'all'),
    (' content ', 'content'),
])
def test_profiles_in_the_guides_words_and_raw_values_map_to_command_values(text, value):
    assert profile_value(text) == value


@pytest.mark.parametrize('text', ['Near, then Far', 'far-or-near', 'content and far', '', 'monitor', None])
def test_anything_else_is_not_a_profile(text):
    assert profile_value(text) is None


def test_every_command_value_has_exactly_one_label_and_labels_round_trip():
    assert sorted(value for _label, value, _source in PROFILES) == sorted(PROFILE_VALUES)
    for label, value, source in PROFILES:
        assert profile_label(value) == label and profile_value(label) == value
        assert source in ('doc', 'inferred')
    assert set(s for _l, _v, s in PROFILES) == {'inferred'}, 'neither guide maps the words to configpresentation values'
    assert profile_label('something-new') == 'something-new'


@pytest.mark.parametrize('model, key', [
    ('RealPresence Group 500', 'group500'),
    ('Group500', 'group500'),
    ('GROUP 310', 'group310'),
    ('Polycom RealPresence Group 700', 'group700'),
    ('RealPresence Centro', 'centro'),
    ('Centro', 'centro'),
    ('RealPresence Group 300', 'group300'),
    ('HDX 8000', 'hdx8000'),
])
def test_model_key(model, key):
    assert model_key(model) == key


@pytest.mark.parametrize('model, version', [
    ('RealPresence Group 310', 'Release - 6.2.2.8-670021'),
    ('RealPresence Group 500', '6.0'),
    ('Group550', 'Release 6.0.0-123'),
    ('RealPresence Group 700', '6.10.1'),
    ('RealPresence Centro', '6.1.1.2'),
])
def test_the_guides_list_is_supported(model, version):
    assert support_problems(model, version) == []


@pytest.mark.parametrize('model, version, fragments', [
    ('RealPresence Group 300', 'Release - 6.2.2.8-670021', ['Group 300', 'is not one Pano pairs with', 'Centro']),
    ('RealPresence Group 500', 'Release - 5.2.2-440125', ['software 5.2.2 is older than 6.0']),
    ('RealPresence Group 500', '5.9.9.9', ['software 5.9.9.9 is older than 6.0']),
    ('RealPresence Group 500', '', ['cannot be read']),
    ('HDX 8000', '3.1.13', ['HDX 8000', 'older than 6.0']),
])
def test_unsupported_systems_say_why(model, version, fragments):
    text = '; '.join(support_problems(model, version))
    for fragment in fragments:
        assert fragment in text


def test_system_facts_normalise_the_firmware_version():
    facts = system_facts({'model': 'RealPresence Group 500', 'serialNumber': '8215', 'softwareVersion': 'Release - 6.2.2.8-670021',
                          'systemName': 'Room', 'rebootNeeded': False})
    assert facts['family'] == 'group_series' and facts['firmware_version'] == '6.2.2.8'
    assert facts['pairing_supported'] is True and facts['unsupported_reasons'] == [] and facts['reboot_needed'] is False
    banner = system_facts({'model': 'Group300', 'softwareVersion': 'Release 6.2.2.8-670021'})
    assert banner['pairing_supported'] is False and banner['reboot_needed'] is None
