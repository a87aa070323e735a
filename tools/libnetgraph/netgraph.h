/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libnetgraph for netgraph on Linux: FreeBSD's netgraph(3) interface to
 * user-level ("socket") nodes, over the generic-netlink family "netgraph".
 *
 * The functions have FreeBSD's names, signatures and return conventions:
 * -1 with errno set on failure.  cs and ds are file descriptors (netlink
 * sockets) that poll(2)/select(2) report readable when a message or a
 * packet waits.  See netgraph(3).
 */
#ifndef _NETGRAPH_H_
#define _NETGRAPH_H_

#include <stddef.h>
#include <sys/types.h>

#include <netgraph/ng_message.h>
#include <netgraph/ng_socket.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef NG_NODESIZ
#error "<netgraph/ng_message.h> does not define the netgraph sizes"
#endif

#if defined(__GNUC__)
#define NG_PRINTFLIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define NG_PRINTFLIKE(f, a)
#endif


int NgMkSockNode(const char *name, int *csp, int *dsp);
int NgNameNode(int cs, const char *path, const char *fmt, ...)
	NG_PRINTFLIKE(3, 4);
int NgSendMsg(int cs, const char *path, int cookie, int cmd,
	      const void *args, size_t arglen);
int NgSendAsciiMsg(int cs, const char *path, const char *fmt, ...)
	NG_PRINTFLIKE(3, 4);
int NgSendReplyMsg(int cs, const char *path, const struct ng_mesg *msg,
		   const void *args, size_t arglen);
int NgRecvMsg(int cs, struct ng_mesg *rep, size_t replen, char *path);
int NgAllocRecvMsg(int cs, struct ng_mesg **rep, char *path);
int NgRecvAsciiMsg(int cs, struct ng_mesg *rep, size_t replen, char *path);
int NgAllocRecvAsciiMsg(int cs, struct ng_mesg **rep, char *path);
int NgSendData(int ds, const char *hook, const unsigned char *buf, size_t len);
int NgRecvData(int ds, unsigned char *buf, size_t len, char *hook);
int NgAllocRecvData(int ds, unsigned char **buf, char *hook);
int NgSetDebug(int level);
void NgSetErrLog(void (*log)(const char *fmt, ...),
		 void (*logx)(const char *fmt, ...));

/*
 * Linux extension: graph change events in the caller's network namespace
 * (the netgraph family's "events" multicast group; see netgraph(3)).
 */
#define NG_EVENT_NODE_NEW	1	/* a node appeared */
#define NG_EVENT_NODE_NAMED	2	/* a node got a name (name is the new one) */
#define NG_EVENT_NODE_DEL	3	/* a node is gone */
#define NG_EVENT_HOOK_NEW	4	/* a hook was made (one event per side) */
#define NG_EVENT_HOOK_DEL	5	/* a hook was removed (one per side) */

struct ng_event {
	int		type;			/* NG_EVENT_* */
	unsigned int	id;			/* the node */
	char		name[NG_NODESIZ];	/* "" when unnamed */
	char		nodetype[NG_TYPESIZ];
	char		hook[NG_HOOKSIZ];	/* hook events: the node's hook */
	char		peerhook[NG_HOOKSIZ];	/* and the peer's */
	unsigned int	peerid;			/* the peer node, or 0 */
};

int NgEventSock(void);
int NgRecvEvent(int es, struct ng_event *ev);

#ifdef __cplusplus
}
#endif

#endif /* _NETGRAPH_H_ */
