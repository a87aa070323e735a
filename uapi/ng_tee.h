/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "tee" node type.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_tee.h> (host byte order).
 */
#ifndef _UAPI_LINUX_NG_TEE_H
#define _UAPI_LINUX_NG_TEE_H

#include <linux/types.h>

#define NG_TEE_NODE_TYPE	"tee"
#define NGM_TEE_COOKIE		916107047

/* Hook names */
#define NG_TEE_HOOK_RIGHT	"right"
#define NG_TEE_HOOK_LEFT	"left"
#define NG_TEE_HOOK_RIGHT2LEFT	"right2left"
#define NG_TEE_HOOK_LEFT2RIGHT	"left2right"

/* Counters of one hook */
struct ng_tee_hookstat {
	__u64	inOctets;
	__u64	inFrames;
	__u64	outOctets;
	__u64	outFrames;
};

/* Reply to NGM_TEE_GET_STATS and NGM_TEE_GETCLR_STATS (128 bytes) */
struct ng_tee_stats {
	struct ng_tee_hookstat	right;
	struct ng_tee_hookstat	left;
	struct ng_tee_hookstat	right2left;
	struct ng_tee_hookstat	left2right;
};

/* Commands; none takes an argument and none carries NGM_READONLY. */
enum {
	NGM_TEE_GET_STATS	= 1,	/* reply: struct ng_tee_stats */
	NGM_TEE_CLR_STATS	= 2,	/* no reply */
	NGM_TEE_GETCLR_STATS	= 3,	/* reply: the stats before clearing */
};

#endif /* _UAPI_LINUX_NG_TEE_H */
