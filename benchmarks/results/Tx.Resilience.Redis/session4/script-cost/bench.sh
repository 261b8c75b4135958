#!/bin/bash
n=$3
args=""
for i in $(seq 1 $n); do keys="$keys k:__rand_int__"; args="$args $i 1"; done
cpu() { redis-cli -p 6390 info cpu | awk -F: '/used_cpu_(user|sys):/{s+=$2} END{printf "%.4f", s}'; }
redis-cli -p 6390 flushall >/dev/null; redis-cli -p 6390 config resetstat >/dev/null
c0=$(cpu)
total=$((400000/n))
redis-benchmark -p 6390 -c 16 -n $total -r 10000 -q EVALSHA $2 $n $keys 100 900000000 $args >/dev/null 2>&1
c1=$(cpu)
echo "$1 keys/call=$n usec_per_call=$(redis-cli -p 6390 info commandstats | grep evalsha | sed 's/.*usec_per_call=\([0-9.]*\).*/\1/') cpu_us_per_decision=$(echo "($c1-$c0)*1000000/($total*$n)" | bc -l | cut -c1-5) $(redis-cli -p 6390 info memory | grep used_memory_human)"
