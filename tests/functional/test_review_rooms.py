"""Outside review (regressions): check mode of the room_pairing role on a Pano fresh from the box."""
from pairing_lab import rooms  # noqa: F401 pylint: disable=unused-import


def test_check_mode_on_a_factory_pano_predicts_the_setup_and_pairing_as_the_real_run_does(rooms):
    rooms.control('pano1', 'POST', '/_lab/factory')
    rooms.reset_stats()
    given = {'room_pairing_pano_initial_password': '{{ pano_serial[-6:] }}', 'room_pairing_pano_country': 'DE'}

    check = rooms.rooms_play(hosts='pano1', check=True, role_vars=given)
    assert rooms.stats('pano1')['config_writes'] == 0 and rooms.state('pano1')['setup'] == 'pending'
    real = rooms.rooms_play(hosts='pano1', role_vars=given)
    assert real.rc == 0, real.output[-3000:]
    assert check.rc == 0, 'check mode failed where the real run succeeds:\n' + check.output[-3000:]
