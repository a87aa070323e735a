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

#endif /* _UAPI_LINUX_NG_SOCKET_H */
