/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * netgraph for Linux: the generic-netlink family "netgraph".
 *
 * Every request is a genetlink message of family NETGRAPH_GENL_NAME with no
 * family header (hdrsize 0) and the attributes below.  All attributes are
 * strictly validated; an unknown attribute is an error.  Operations that
 * change the graph need CAP_NET_ADMIN in the user namespace that owns the
 * network namespace of the requesting socket.  Each network namespace has
 * its own graph.
 */
#ifndef _UAPI_LINUX_NETGRAPH_GENL_H
#define _UAPI_LINUX_NETGRAPH_GENL_H

#define NETGRAPH_GENL_NAME	"netgraph"
#define NETGRAPH_GENL_VERSION	1
#define NETGRAPH_MCGRP_EVENTS	"events"

enum netgraph_cmd {
	NETGRAPH_CMD_UNSPEC,
	/*
	 * NETGRAPH_CMD_MKPEER: PATH, TYPE, OURHOOK, PEERHOOK.
	 * Creates a node of TYPE and connects its PEERHOOK to OURHOOK of the
	 * node at PATH.  Reply: NODE (the new node).
	 */
	NETGRAPH_CMD_MKPEER,
	/* NETGRAPH_CMD_CONNECT: PATH, PEERPATH (relative to PATH), OURHOOK, PEERHOOK */
	NETGRAPH_CMD_CONNECT,
	/* NETGRAPH_CMD_NAME: PATH, NAME */
	NETGRAPH_CMD_NAME,
	/* NETGRAPH_CMD_RMHOOK: PATH, OURHOOK */
	NETGRAPH_CMD_RMHOOK,
	/* NETGRAPH_CMD_SHUTDOWN: PATH */
	NETGRAPH_CMD_SHUTDOWN,
	/*
	 * NETGRAPH_CMD_GET_NODE
	 *   do:   PATH -> NODE
	 *   dump: [FLAGS] -> one NODE per message; NETGRAPH_F_NAMED lists
	 *         only named nodes
	 */
	NETGRAPH_CMD_GET_NODE,
	/* NETGRAPH_CMD_GET_HOOKS, dump only: PATH -> one HOOK per message */
	NETGRAPH_CMD_GET_HOOKS,
	/* NETGRAPH_CMD_GET_TYPE, dump only: -> one TYPEINFO per message */
	NETGRAPH_CMD_GET_TYPE,
	/*
	 * NETGRAPH_CMD_MSG: PATH, MSG (a struct ng_mesg with its arguments),
	 * [FLAGS].  Delivers the message to the node at PATH and returns the
	 * node's synchronous reply, if any, as MSG (with NGF_RESP set).
	 * With NETGRAPH_F_FROM_NODE the message is sent by the socket node
	 * owned by the requesting netlink socket (see SOCK_NEW): PATH is then
	 * relative to that node, the answer carries only the target's result
	 * and every reply, immediate or late, arrives as a SOCK_MSG
	 * notification on the node's control socket.
	 */
	NETGRAPH_CMD_MSG,
	/*
	 * NETGRAPH_CMD_INJECT: PATH, OURHOOK, DATA.
	 * Delivers DATA to the node at PATH as if it had arrived on its hook
	 * OURHOOK.  A debugging and testing aid (FreeBSD's equivalent is
	 * writing on an ng_socket data socket).
	 */
	NETGRAPH_CMD_INJECT,
	/* NETGRAPH_CMD_GET_STATS, do: -> STATS (this netns's graph counters) */
	NETGRAPH_CMD_GET_STATS,

	/* Notifications on the "events" multicast group; each carries NODE. */
	NETGRAPH_CMD_EV_NODE_NEW,	/* NODE */
	NETGRAPH_CMD_EV_NODE_NAMED,	/* NODE (with its new NAME) */
	NETGRAPH_CMD_EV_NODE_DEL,	/* NODE */
	NETGRAPH_CMD_EV_HOOK_NEW,	/* NODE, HOOK (one event per side) */
	NETGRAPH_CMD_EV_HOOK_DEL,	/* NODE, HOOK (one event per side) */

	/*
	 * User-level nodes (type "socket", FreeBSD's ng_socket); see
	 * Documentation/ng_socket.rst.
	 *
	 * NETGRAPH_CMD_SOCK_NEW: [NAME] -> NODE.  Creates a socket node owned
	 * by the requesting netlink socket (at most one per socket).  The
	 * node shuts down when its owner or its control socket is closed.
	 */
	NETGRAPH_CMD_SOCK_NEW,
	/*
	 * NETGRAPH_CMD_SOCK_ATTACH: PATH, CHANNEL.  Makes the requesting
	 * socket the control (messages) or data (packets) channel of the
	 * socket node at PATH, which the same process must have created.
	 */
	NETGRAPH_CMD_SOCK_ATTACH,
	/*
	 * NETGRAPH_CMD_SOCK_DATA
	 *   request (owner socket): [OURHOOK], DATA: send DATA out of the
	 *     node's hook OURHOOK; without OURHOOK the node must have
	 *     exactly one hook
	 *   notification (data socket): OURHOOK, DATA: a packet arrived
	 */
	NETGRAPH_CMD_SOCK_DATA,
	/* Notification (control socket): [PATH] (the sender, "[id]:"), MSG */
	NETGRAPH_CMD_SOCK_MSG,
	/* Notification (control and data socket): NODE; the node is gone */
	NETGRAPH_CMD_SOCK_CLOSED,

	__NETGRAPH_CMD_MAX,
	NETGRAPH_CMD_MAX = __NETGRAPH_CMD_MAX - 1
};

enum netgraph_attr {
	NETGRAPH_A_UNSPEC,
	NETGRAPH_A_PATH,	/* string, < NG_PATHSIZ: address of the target */
	NETGRAPH_A_PEERPATH,	/* string, < NG_PATHSIZ: CONNECT's other end */
	NETGRAPH_A_TYPE,	/* string, < NG_TYPESIZ */
	NETGRAPH_A_OURHOOK,	/* string, < NG_HOOKSIZ */
	NETGRAPH_A_PEERHOOK,	/* string, < NG_HOOKSIZ */
	NETGRAPH_A_NAME,	/* string, < NG_NODESIZ */
	NETGRAPH_A_FLAGS,	/* u32, NETGRAPH_F_* */
	NETGRAPH_A_MSG,		/* binary: struct ng_mesg + arguments */
	NETGRAPH_A_DATA,	/* binary: packet payload */
	NETGRAPH_A_NODE,	/* nested: NETGRAPH_NODE_A_* */
	NETGRAPH_A_HOOK,	/* nested: NETGRAPH_HOOK_A_* */
	NETGRAPH_A_TYPEINFO,	/* nested: NETGRAPH_TYPE_A_* */
	NETGRAPH_A_STATS,	/* nested: NETGRAPH_STATS_A_* */
	NETGRAPH_A_CHANNEL,	/* u32, NETGRAPH_SOCK_CHAN_*: SOCK_ATTACH */
	__NETGRAPH_A_MAX,
	NETGRAPH_A_MAX = __NETGRAPH_A_MAX - 1
};

#define NETGRAPH_F_NAMED	0x1	/* GET_NODE dump: named nodes only */
#define NETGRAPH_F_FROM_NODE	0x2	/* MSG: sent by the requester's socket node */

enum netgraph_sock_channel {
	NETGRAPH_SOCK_CHAN_UNSPEC,
	NETGRAPH_SOCK_CHAN_CTL,		/* receives SOCK_MSG notifications */
	NETGRAPH_SOCK_CHAN_DATA,	/* receives SOCK_DATA notifications */
	__NETGRAPH_SOCK_CHAN_MAX,
	NETGRAPH_SOCK_CHAN_MAX = __NETGRAPH_SOCK_CHAN_MAX - 1
};

enum netgraph_node_attr {
	NETGRAPH_NODE_A_UNSPEC,
	NETGRAPH_NODE_A_ID,		/* u32 */
	NETGRAPH_NODE_A_NAME,		/* string, absent if unnamed */
	NETGRAPH_NODE_A_TYPE,		/* string */
	NETGRAPH_NODE_A_NUMHOOKS,	/* u32 */
	__NETGRAPH_NODE_A_MAX,
	NETGRAPH_NODE_A_MAX = __NETGRAPH_NODE_A_MAX - 1
};

enum netgraph_hook_attr {
	NETGRAPH_HOOK_A_UNSPEC,
	NETGRAPH_HOOK_A_NAME,		/* string: the hook on the listed node */
	NETGRAPH_HOOK_A_PEERHOOK,	/* string: the hook on the peer */
	NETGRAPH_HOOK_A_PEER,		/* nested NETGRAPH_NODE_A_*: the peer */
	__NETGRAPH_HOOK_A_MAX,
	NETGRAPH_HOOK_A_MAX = __NETGRAPH_HOOK_A_MAX - 1
};

enum netgraph_type_attr {
	NETGRAPH_TYPE_A_UNSPEC,
	NETGRAPH_TYPE_A_NAME,		/* string */
	NETGRAPH_TYPE_A_NUMNODES,	/* u32: nodes of this type, all netns */
	__NETGRAPH_TYPE_A_MAX,
	NETGRAPH_TYPE_A_MAX = __NETGRAPH_TYPE_A_MAX - 1
};

enum netgraph_stats_attr {
	NETGRAPH_STATS_A_UNSPEC,
	NETGRAPH_STATS_A_NODES,		/* u32: live nodes */
	NETGRAPH_STATS_A_DEFERRED,	/* u64: packets queued past the depth bound */
	NETGRAPH_STATS_A_LOOP_DROPS,	/* u64: packets dropped by the hop or copy bound */
	NETGRAPH_STATS_A_QUEUE_DROPS,	/* u64: packets dropped, deferral queue full */
	NETGRAPH_STATS_A_PAD,
	NETGRAPH_STATS_A_MSG_LOOP_DROPS,  /* u64: messages dropped by the hop bound */
	NETGRAPH_STATS_A_MSG_QUEUE_DROPS, /* u64: messages refused, queue at its limits */
	NETGRAPH_STATS_A_LIMIT_HITS,	/* u64: nodes refused, max_nodes reached */
	__NETGRAPH_STATS_A_MAX,
	NETGRAPH_STATS_A_MAX = __NETGRAPH_STATS_A_MAX - 1
};

#endif /* _UAPI_LINUX_NETGRAPH_GENL_H */
