/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the "socket" node type (user-level nodes), with
 * FreeBSD's numbers.  See Documentation/ng_socket.rst.
 */
#ifndef _UAPI_LINUX_NG_SOCKET_H
#define _UAPI_LINUX_NG_SOCKET_H

#define NG_SOCKET_NODE_TYPE	"socket"
#define NGM_SOCKET_COOKIE	851601233

/* Commands of NGM_SOCKET_COOKIE; no arguments, no ASCII forms (FreeBSD) */
enum {
	NGM_SOCK_CMD_NOLINGER = 1,	/* shut down when the last hook goes */
	NGM_SOCK_CMD_LINGER,		/* stay without hooks (the default) */
};

#ifndef __KERNEL__
/*
 * FreeBSD's socket-level names, so that programs written for FreeBSD's
 * libnetgraph compile unchanged.  Linux has no PF_NETGRAPH sockets: the
 * control and data descriptors of NgMkSockNode() are generic netlink
 * sockets, and none of these values reaches the kernel.  Data goes out
 * with NgSendData() and comes in with NgRecvData(); a sendto() of a
 * struct sockaddr_ng on the data descriptor (FreeBSD ngctl's "write")
 * fails with EINVAL, and that call is the one a FreeBSD program changes
 * (netgraph(3), NOTES).
 */
#define NG_DATA		1		/* socket(2) protocol: data */
#define NG_CONTROL	2		/* socket(2) protocol: control */
#ifndef AF_NETGRAPH
#define AF_NETGRAPH	32		/* FreeBSD's number */
#endif
#ifndef PF_NETGRAPH
#define PF_NETGRAPH	AF_NETGRAPH
#endif

/* FreeBSD's address of a hook (sg_data) on a netgraph data socket */
struct sockaddr_ng {
	unsigned char	sg_len;		/* total length */
	unsigned char	sg_family;	/* AF_NETGRAPH */
	char		sg_data[14];	/* hook name, NUL terminated; longer */
};
#endif /* !__KERNEL__ */

#endif /* _UAPI_LINUX_NG_SOCKET_H */
