/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the control-message ABI shared with userspace.
 *
 * The message header, the generic cookie, the command numbers and the
 * argument/reply layouts are binary compatible with FreeBSD's
 * <netgraph/ng_message.h> (NG_VERSION 8), host byte order.
 */
#ifndef _UAPI_LINUX_NETGRAPH_H
#define _UAPI_LINUX_NETGRAPH_H

#include <linux/types.h>

#ifndef __KERNEL__
/* A node's ID, as in FreeBSD's <netgraph/ng_message.h> (struct nodeinfo) */
typedef __u32 ng_ID_t;
#endif

/* Buffer sizes; every one includes the terminating NUL. */
#define NG_TYPESIZ		32
#define NG_HOOKSIZ		32
#define NG_NODESIZ		32
#define NG_CMDSTRSIZ		32
#define NG_PATHSIZ		512
#define NG_TEXTRESPONSE		1024

#define NG_VERSION		8	/* struct ng_mesg */
#define NG_ABI_VERSION		12	/* node type ABI (FreeBSD's number) */

/* struct ng_mesg.header.flags */
#define NGF_ORIG		0x00000000
#define NGF_RESP		0x00000001

/* Bits or-ed into a command number. */
#define NGM_READONLY		0x10000000	/* does not change the node */
#define NGM_HASREPLY		0x20000000	/* always answered */

struct ng_msghdr {
	__u8	version;		/* NG_VERSION */
	__u8	spare;			/* zero */
	__u16	spare2;			/* zero */
	__u32	arglen;			/* bytes of data[] */
	__u32	cmd;
	__u32	flags;			/* NGF_* */
	__u32	token;			/* copied into the reply */
	__u32	typecookie;		/* the command's type cookie */
	char	cmdstr[NG_CMDSTRSIZ];	/* command name, informational */
};

struct ng_mesg {
	struct ng_msghdr header;
	char data[];
};

/* Generic messages, understood by every node. */
#define NGM_GENERIC_COOKIE	1137070366

enum {
	NGM_SHUTDOWN		= 1,
	NGM_MKPEER		= 2,
	NGM_CONNECT		= 3,
	NGM_NAME		= 4,
	NGM_RMHOOK		= 5,
	NGM_NODEINFO		= (6 | NGM_READONLY | NGM_HASREPLY),
	NGM_LISTHOOKS		= (7 | NGM_READONLY | NGM_HASREPLY),
	NGM_LISTNAMES		= (8 | NGM_READONLY | NGM_HASREPLY),
	NGM_LISTNODES		= (9 | NGM_READONLY | NGM_HASREPLY),
	NGM_LISTTYPES		= (10 | NGM_READONLY | NGM_HASREPLY),
	NGM_TEXT_STATUS		= (11 | NGM_READONLY | NGM_HASREPLY),
	NGM_BINARY2ASCII	= (12 | NGM_READONLY | NGM_HASREPLY),
	NGM_ASCII2BINARY	= (13 | NGM_READONLY | NGM_HASREPLY),
	NGM_TEXT_CONFIG		= 14,
};

/*
 * Flow-control messages (not handled by the core), FreeBSD's numbers as
 * FreeBSD's macros.  Upstream:
 */
#define NGM_FLOW_COOKIE		851672669
#define NGM_LINK_IS_UP		32	/* e.g. carrier found */
#define NGM_LINK_IS_DOWN	33	/* carrier lost */
#define NGM_HIGH_WATER_PASSED	34	/* struct ngm_queue_state */
#define NGM_LOW_WATER_PASSED	35	/* struct ngm_queue_state */
#define NGM_SYNC_QUEUE_STATE	36
/* Downstream (no type here acts on them; defined for FreeBSD's programs) */
#define NGM_DROP_LINK		41
#define NGM_RAISE_LINK		42
#define NGM_FLUSH_QUEUE		43
#define NGM_GET_BANDWIDTH	(44 | NGM_READONLY)	/* struct ngm_bandwidth */
#define NGM_SET_XMIT_Q_LIMITS	45
#define NGM_GET_XMIT_Q_LIMITS	(46 | NGM_READONLY)
#define NGM_MICROMANAGE		47
#define NGM_SET_FLOW_MANAGER	48

/* NGM_GET_BANDWIDTH reply (FreeBSD's) */
struct ngm_bandwidth {
	__u64	nominal_in;
	__u64	seen_in;
	__u64	nominal_out;
	__u64	seen_out;
};

/* NGM_HIGH_WATER_PASSED, NGM_LOW_WATER_PASSED argument (FreeBSD's) */
struct ngm_queue_state {
	__u32	queue_priority;		/* ~0: all of the node's queues */
	__u32	max_queuelen_bytes;
	__u32	max_queuelen_packets;
	__u32	low_watermark;		/* packets */
	__u32	high_watermark;		/* packets */
#ifdef __KERNEL__
	__u32	queued;			/* "current" is the kernel's macro */
#else
	__u32	current;		/* packets queued */
#endif
};

/* NGM_MKPEER argument (96 bytes) */
struct ngm_mkpeer {
	char	type[NG_TYPESIZ];
	char	ourhook[NG_HOOKSIZ];
	char	peerhook[NG_HOOKSIZ];
};

/* NGM_CONNECT argument (576 bytes); path is relative to the target */
struct ngm_connect {
	char	path[NG_PATHSIZ];
	char	ourhook[NG_HOOKSIZ];
	char	peerhook[NG_HOOKSIZ];
};

/* NGM_NAME argument */
struct ngm_name {
	char	name[NG_NODESIZ];
};

/* NGM_RMHOOK argument */
struct ngm_rmhook {
	char	ourhook[NG_HOOKSIZ];
};

/* NGM_NODEINFO reply (72 bytes) */
struct nodeinfo {
	char	name[NG_NODESIZ];	/* empty if unnamed */
	char	type[NG_TYPESIZ];
	__u32	id;
	__u32	hooks;
};

struct linkinfo {
	char		ourhook[NG_HOOKSIZ];
	char		peerhook[NG_HOOKSIZ];
	struct nodeinfo	nodeinfo;	/* the peer node */
};

/* NGM_LISTHOOKS reply */
struct hooklist {
	struct nodeinfo	nodeinfo;
	struct linkinfo	link[];		/* nodeinfo.hooks entries */
};

/* NGM_LISTNAMES and NGM_LISTNODES reply */
struct namelist {
	__u32		numnames;
	struct nodeinfo	nodeinfo[];
};

struct typeinfo {
	char	type_name[NG_TYPESIZ];
	__u32	numnodes;
};

/* NGM_LISTTYPES reply */
struct typelist {
	__u32		numtypes;
	struct typeinfo	typeinfo[];
};

#endif /* _UAPI_LINUX_NETGRAPH_H */
