/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "ksocket" node type, a kernel socket as a node.
 *
 * Cookie, command numbers and structures are FreeBSD's
 * <netgraph/ng_ksocket.h>.  One difference: a socket address in a message
 * is a Linux struct sockaddr (sa_family_t first, no sa_len byte), and its
 * length is what the message's arglen leaves for it.  See
 * Documentation/node-types.rst, "ksocket".
 */
#ifndef _UAPI_LINUX_NG_KSOCKET_H
#define _UAPI_LINUX_NG_KSOCKET_H

#include <linux/types.h>
#ifndef __KERNEL__
#include <sys/socket.h>		/* struct sockaddr, as FreeBSD's header */
#endif

#define NG_KSOCKET_NODE_TYPE		"ksocket"
#define NGM_KSOCKET_COOKIE		942710669

/* Largest option value NGM_KSOCKET_GETOPT returns */
#define NG_KSOCKET_MAX_OPTLEN		1024

/* Packet metadata tag type of a socket address (FreeBSD's mbuf tag) */
#define NG_KSOCKET_TAG_SOCKADDR		1

/* setopt / getopt argument: value is arglen - 8 bytes */
struct ng_ksocket_sockopt {
	__s32	level;		/* SOL_SOCKET, IPPROTO_IP, ... (Linux numbers) */
	__s32	name;		/* SO_MARK, ... (Linux numbers) */
	__u8	value[];	/* host byte order for integer options */
};

/* accept reply: the new node and its peer's address (rest of arglen) */
struct ng_ksocket_accept {
	__u32	nodeid;		/* ID of the cloned ksocket node */
#ifdef __KERNEL__
	__u8	addr[];		/* struct sockaddr of the peer */
#else
	struct sockaddr addr;	/* FreeBSD's: the peer's, as long as it is */
#endif
};

/* Commands: arguments -> reply */
enum {
	NGM_KSOCKET_BIND = 1,		/* sockaddr */
	NGM_KSOCKET_LISTEN = 2,		/* __s32 backlog */
	NGM_KSOCKET_ACCEPT = 3,		/* -> struct ng_ksocket_accept */
	NGM_KSOCKET_CONNECT = 4,	/* sockaddr; late reply: __s32 errno */
	NGM_KSOCKET_GETNAME = 5,	/* -> sockaddr */
	NGM_KSOCKET_GETPEERNAME = 6,	/* -> sockaddr */
	NGM_KSOCKET_SETOPT = 7,		/* struct ng_ksocket_sockopt */
	NGM_KSOCKET_GETOPT = 8,		/* level, name -> the same + value */
};

#endif /* _UAPI_LINUX_NG_KSOCKET_H */
