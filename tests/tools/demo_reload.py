"""`make demo`, step "a change reaches the phones": one REST phone's parameter changes, site.yml restarts that phone alone.

    demo_reload.py change --mac 0004f2e0a502 --set pres.idleTimeout.offHours.period=45 > one-phone.json   # extra vars
    demo_reload.py phones --state-dir .lab                        # each REST phone: restarts, boots, line 1
    demo_reload.py phones --state-dir .lab --expect-restarted vvx-office --since before.json

`change` prints the lab inventory's phone list with the parameter set on that one phone (JSON for ansible-playbook -e @file).
`phones` asks every lab REST phone's /_lab/state and /_lab/stats; with --since it compares with an earlier `phones --json`
output and fails unless exactly the --expect-restarted phones restarted and each of them has line 1 registered.
"""
import argparse
import json
import os
import ssl
import sys
import urllib.request

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROVISIONING = os.path.join(ROOT, 'inventories', 'lab', 'group_vars', 'provisioning.yml')


def change(mac, settings):
    with open(PROVISIONING) as handle:
        phones = yaml.safe_load(handle)['lync_provisioning_phones']
    found = [phone for phone in phones if phone['mac'].replace(':', '').replace('-', '').replace('.', '').lower() == mac]
    if not found:
        sys.exit('no phone %s in %s' % (mac, PROVISIONING))
    for setting in settings:
        name, _sep, value = setting.partition('=')
        found[0].setdefault('params', {})[name] = value
    print(json.dumps({'lync_provisioning_phones': phones}, indent=1))


def lab_get(state, phone, path):
    context = ssl.create_default_context(cafile=state['ca'])
    url = 'https://%s:%d%s' % (state['host'], phone['port'], path)
    with urllib.request.urlopen(url, context=context, timeout=10) as answer:
        return json.loads(answer.read().decode('utf-8'))


def phones(state_dir):
    with open(os.path.join(state_dir, 'lab-state.json')) as handle:
        state = json.load(handle)
    found = {}
    for name, phone in sorted(state['services']['phone_rest']['phones'].items()):
        lab_state, stats = lab_get(state, phone, '/_lab/state'), lab_get(state, phone, '/_lab/stats')
        found[name] = dict(restarts=stats['restarts'], boots=lab_state['boots'], line1_registered=lab_state['line1_registered'])
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest='command', required=True)
    one = sub.add_parser('change')
    one.add_argument('--mac', required=True)
    one.add_argument('--set', action='append', required=True, metavar='NAME=VALUE')
    show = sub.add_parser('phones')
    show.add_argument('--state-dir', default='.lab')
    show.add_argument('--json', action='store_true')
    show.add_argument('--since', help='an earlier `phones --json` output')
    show.add_argument('--expect-restarted', action='append', default=[])
    args = parser.parse_args()
    if args.command == 'change':
        return change(args.mac.lower(), args.set)
    now = phones(args.state_dir)
    if args.json:
        print(json.dumps(now))
        return None
    before = json.load(open(args.since)) if args.since else {}
    for name, found in now.items():
        restarted = found['restarts'] - before.get(name, {}).get('restarts', 0)
        print('  %-14s restarted %d time(s) in this step, %d boots in all, line 1 %s' % (
            name, restarted, found['boots'], 'registered' if found['line1_registered'] else 'NOT registered'))
    if args.since:
        restarted = sorted(name for name in now if now[name]['restarts'] > before.get(name, {}).get('restarts', 0))
        if restarted != sorted(args.expect_restarted) or not all(now[name]['line1_registered'] for name in restarted):
            sys.exit('expected %s alone to restart and register, got %s' % (args.expect_restarted, restarted))
    return None


if __name__ == '__main__':
    main()
