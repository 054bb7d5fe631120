#!/usr/bin/env python3
"""Per-package (and per-class with --classes) mutation scores from PIT's mutations.xml files.

usage: scripts/mutation-scores.py [--classes] <module>/target/pit-reports/mutations.xml...
Prints a Markdown table: mutants, killed (PIT 'detected': killed, timed out, memory error),
survived, no coverage, score = killed / mutants, and test strength = killed / covered mutants.
"""
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict

def main(argv):
    by_class = '--classes' in argv
    files = [a for a in argv if a != '--classes']
    if not files:
        sys.exit(__doc__)
    rows = defaultdict(lambda: [0, 0, 0, 0])  # mutants, detected, survived, no coverage
    for f in files:
        for m in ET.parse(f).getroot().iter('mutation'):
            cls = m.findtext('mutatedClass')
            key = cls.split('$')[0] if by_class else cls.rsplit('.', 1)[0]
            r = rows[key]
            r[0] += 1
            status = m.get('status')
            if m.get('detected') == 'true':
                r[1] += 1
            elif status == 'NO_COVERAGE':
                r[3] += 1
            else:
                r[2] += 1
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    print('| %s | mutants | killed | survived | no coverage | score | test strength |' % ('class' if by_class else 'package'))
    print('|---|---|---|---|---|---|---|')
    for key in sorted(rows):
        print(line(key, rows[key]))
    print(line('**all**', total))

def line(key, r):
    covered = r[0] - r[3]
    score = 100.0 * r[1] / r[0] if r[0] else 0
    strength = 100.0 * r[1] / covered if covered else 0
    return '| %s | %d | %d | %d | %d | %.0f %% | %.0f %% |' % (key, r[0], r[1], r[2], r[3], score, strength)

if __name__ == '__main__':
    main(sys.argv[1:])
