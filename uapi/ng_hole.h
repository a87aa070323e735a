/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "hole" node type.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_hole.h> (host byte order).
 */
#ifndef _UAPI_LINUX_NG_HOLE_H
#define _UAPI_LINUX_NG_HOLE_H

#include <linux/types.h>

#define NG_HOLE_NODE_TYPE	"hole"
#define NGM_HOLE_COOKIE		915433206

/* Counters of one hook: packets dropped and their total length. */
struct ng_hole_hookstat {
	__u64	frames;
	__u64	octets;
};

/*
 * Commands.  Each takes a hook name in a buffer of exactly NG_HOOKSIZ (32)
 * bytes.  GET_STATS and GETCLR_STATS reply with struct ng_hole_hookstat;
 * CLR_STATS has no reply.  None carries NGM_READONLY or NGM_HASREPLY.
 */
enum {
	NGM_HOLE_GET_STATS	= 1,
	NGM_HOLE_CLR_STATS	= 2,
	NGM_HOLE_GETCLR_STATS	= 3,
};

#endif /* _UAPI_LINUX_NG_HOLE_H */
