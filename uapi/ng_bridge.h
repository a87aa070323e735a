/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "bridge" node type, FreeBSD's learning Ethernet
 * bridge.
 *
 * Binary compatible with FreeBSD's <netgraph/ng_bridge.h> (FreeBSD 13 and
 * later: uplinks, hook names in the host table, MOVE_HOST; host byte
 * order).
 */
#ifndef _UAPI_LINUX_NG_BRIDGE_H
#define _UAPI_LINUX_NG_BRIDGE_H

#include <linux/types.h>

#ifndef NG_HOOKSIZ
#define NG_HOOKSIZ			32	/* as in <netgraph/ng_message.h> */
#endif

#define NG_BRIDGE_NODE_TYPE		"bridge"
#define NGM_BRIDGE_COOKIE		1569321993

/* Hook names: a prefix and a decimal number (uplink0 does not exist) */
#define NG_BRIDGE_HOOK_LINK_PREFIX	"link"
#define NG_BRIDGE_HOOK_LINK_FMT		"link%d"
#define NG_BRIDGE_HOOK_UPLINK_PREFIX	"uplink"
#define NG_BRIDGE_HOOK_UPLINK_FMT	"uplink%d"

/* Hosts one node learns at most (Linux only; FreeBSD has no bound) */
#define NG_BRIDGE_MAX_HOSTS		16384

/* Node configuration (16 bytes: 3 bytes of padding after debugLevel) */
struct ng_bridge_config {
	__u8	debugLevel;	/* 2 or more: log loops */
	__u32	loopTimeout;	/* seconds a looped link stays muted */
	__u32	maxStaleness;	/* seconds of silence before a host is forgotten */
	__u32	minStableAge;	/* seconds a host must stay before it may move */
};

/* Statistics of one link (112 bytes) */
struct ng_bridge_link_stats {
	__u64	recvOctets;	/* octets received */
	__u64	recvPackets;	/* frames received */
	__u64	recvMulticasts;	/* multicast frames received */
	__u64	recvBroadcasts;	/* broadcast frames received */
	__u64	recvUnknown;	/* unicast frames to an unknown host */
	__u64	recvRunts;	/* frames shorter than 14 bytes */
	__u64	recvInvalid;	/* frames with a multicast source address */
	__u64	xmitOctets;	/* octets sent */
	__u64	xmitPackets;	/* frames sent */
	__u64	xmitMulticasts;	/* multicast frames sent */
	__u64	xmitBroadcasts;	/* broadcast frames sent */
	__u64	loopDrops;	/* frames dropped: muted link or unstable host */
	__u64	loopDetects;	/* loops detected on this link */
	__u64	memoryFailures;	/* frames or hosts lost for want of memory */
};

/* One host of the table (42 bytes) */
struct ng_bridge_hostent {
	__u8	addr[6];		/* its Ethernet address */
	char	hook[NG_HOOKSIZ];	/* the link it was last heard on */
	__u16	age;			/* seconds since it came to that link */
	__u16	staleness;		/* seconds since it was last heard */
};

/* NGM_BRIDGE_GET_TABLE's reply */
struct ng_bridge_host_ary {
	__u32	numHosts;
	struct ng_bridge_hostent hosts[];
};

/* NGM_BRIDGE_MOVE_HOST's argument (38 bytes); an empty hook: the one the
 * message came through */
struct ng_bridge_move_host {
	__u8	addr[6];
	char	hook[NG_HOOKSIZ];
};

/* Commands */
enum {
	NGM_BRIDGE_SET_CONFIG = 1,	/* struct ng_bridge_config */
	NGM_BRIDGE_GET_CONFIG,		/* -> struct ng_bridge_config */
	NGM_BRIDGE_RESET,		/* forget all hosts, unmute all links */
	NGM_BRIDGE_GET_STATS,		/* __s32 link (-N: uplinkN) -> stats */
	NGM_BRIDGE_CLR_STATS,		/* __s32 link */
	NGM_BRIDGE_GETCLR_STATS,	/* __s32 link -> stats, then cleared */
	NGM_BRIDGE_GET_TABLE,		/* -> struct ng_bridge_host_ary */
	NGM_BRIDGE_SET_PERSISTENT,	/* stay when the last hook goes */
	NGM_BRIDGE_MOVE_HOST,		/* struct ng_bridge_move_host */
};

#endif /* _UAPI_LINUX_NG_BRIDGE_H */
