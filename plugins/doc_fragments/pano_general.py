# -*- coding: utf-8 -*-
# Copyright: (c) 2026, polycom.uc contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# The Pano's general settings that pano_settings and pano_pairing both take, written once. Ansible merges a fragment's
# options one level deep only (a module's own "general" would replace the fragment's suboptions), so each module's whole
# "general" option is here, composed of the same suboption texts. The table is module_utils/pano.py's PANO_SETTINGS.
_COUNTRY = r'''
      country:
        description:
          - Country where the system is located, as an ISO 3166-1 alpha-2 code in capitals (C(DE), C(US), C(GB)).
          - The setup wizard asks for it (the guide, Run the Setup Wizard); a device in factory state is not set up
            without it, in check mode too. The guide lists no values; the ISO codes are inferred.
        type: str'''

_VISUALBOARD = r'''
      visualboard:
        description:
          - VisualBoard application; must be disabled to pair with a video system.
        type: bool'''


class ModuleDocFragment(object):
    # polycom.uc.pano_general.settings: every general setting (pano_settings).
    SETTINGS = r'''
options:
  general:
    description:
      - General settings (languages, device and room names, country, VisualBoard).
    type: dict
    suboptions:
      system_language:
        description:
          - Language of the local interface.
        type: str
        choices: [en_US, de_DE, es_ES, fr_FR, it_IT, ja_JP, ko_KR, pt_BR, ru_RU, zh_CN, zh_TW]
      web_language:
        description:
          - Language of the web interface.
        type: str
        choices: [en_US, de_DE, es_ES, fr_FR, it_IT, ja_JP, ko_KR, pt_BR, ru_RU, zh_CN, zh_TW]
      device_name:
        description:
          - Device name, 1 to 40 Unicode characters.
        type: str
      room_name:
        description:
          - Room name users connect to, at most 40 Unicode characters; read-only while cloud-registered.
        type: str''' + _COUNTRY + _VISUALBOARD

    # polycom.uc.pano_general.pairing: the general settings the pairing needs (pano_pairing).
    PAIRING = r'''
options:
  general:
    description:
      - General settings the pairing needs, as in M(polycom.uc.pano_settings).
    type: dict
    suboptions:''' + _COUNTRY + _VISUALBOARD
