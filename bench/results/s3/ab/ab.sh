#!/bin/bash
# usage: ab.sh ROUNDS BENCH_REGEX "jmh extra args" jarA jarB ...   -> per jar: all iteration scores, median, max
rounds=$1; regex=$2; extra=$3; shift 3
out=/tmp/s3/ab-$(date +%H%M%S); mkdir -p $out
for r in $(seq 1 $rounds); do
  for jar in "$@"; do
    name=$(basename $jar .jar)
    timeout 900 flock /tmp/butb-mvn.lock java -jar $jar "$regex" -f 1 -wi 3 -i 5 $extra -rf json -rff $out/$name-$r.json > $out/$name-$r.log 2>&1
  done
done
python3 - "$out" "$@" <<'PY'
import json,sys,glob,os,statistics as st
out=sys.argv[1]
for jar in sys.argv[2:]:
    name=os.path.basename(jar)[:-4]
    res={}
    for f in sorted(glob.glob(f"{out}/{name}-*.json")):
        for b in json.load(open(f)):
            key=b['benchmark'].split('.')[-2]+' '+' '.join(f"{k}={v}" for k,v in sorted(b.get('params',{}).items()))
            for it in b['primaryMetric']['rawData']:
                res.setdefault(key,[]).extend(it)
    for k,v in res.items():
        v=sorted(v)
        print(f"{name:10s} {k:60s} n={len(v):3d} median={st.median(v)/1e6:6.2f}M max={v[-1]/1e6:6.2f}M p25={v[len(v)//4]/1e6:6.2f}M")
PY
