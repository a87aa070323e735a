#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo: what the guest does (run by guest-init.sh in demo mode, on
# Debian's stock 6.12 kernel).  Builds a small graph of the base types,
# talks to it in text, then turns a kernel UDP socket into a graph node:
# a ksocket joined to an echo node (an echo returns every packet on the
# hook it came in by) is a UDP echo server that lives
# entirely in the kernel, and socat is its client.  Last, the whole graph
# in dot for the host to draw.
run() {
	echo "+ $*"
	"$@" 2>&1
	echo
}
modprobe netgraph || exit 1

echo "==== a graph of the base types"
run ngctl-nl mkpeer hub x y
run ngctl-nl name '[1]:' h
run ngctl-nl mkpeer h: tee a left
run ngctl-nl name h:a t
run ngctl-nl mkpeer t: hole right in
run ngctl-nl mkpeer h: one2many c one
run ngctl-nl list
run ngctl-nl show h:
run ngctl-nl msg h: nodeinfo
run ngctl-nl msg h:c setconfig '{ xmitAlg=2 failAlg=1 }'
run ngctl-nl msg h:c getconfig
run ngctl-nl inject t: left 1 2 3 4
run ngctl-nl msg t: getstats
run ngctl-nl dot

echo "==== ksocket: an in-kernel UDP echo server on 127.0.0.1:7777"
ip link set lo up
run ngctl-nl mkpeer h: echo e x
run ngctl-nl name h:e e
run ngctl-nl mkpeer e: ksocket any inet/dgram/udp
run ngctl-nl name e:any udpecho
run ngctl-nl msg udpecho: bind inet/127.0.0.1:7777
run ngctl-nl msg udpecho: getname
echo "+ echo 'hello, netgraph' | socat -t 2 - UDP4:127.0.0.1:7777"
echo 'hello, netgraph' | socat -t 2 - UDP4:127.0.0.1:7777
echo "+ echo 'second client' | socat -t 2 - UDP4:127.0.0.1:7777,sourceport=40000"
echo 'second client' | socat -t 2 - UDP4:127.0.0.1:7777,sourceport=40000
echo
run ngctl-nl status udpecho:
run ngctl-nl show e:
run lsmod

# The host (selftests/vm/demo.sh) draws the text between the markers with
# graphviz: build/demo/graph.png.
echo "==== the whole graph in dot, drawn on the host as build/demo/graph.png"
echo "NG-DOT-BEGIN"
ngctl-nl dot 2>&1
echo "NG-DOT-END"
exit 0
