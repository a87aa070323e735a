/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ngnl: libnetgraph's netlink core for the "netgraph" generic-netlink
 * family of netgraph for Linux (uapi/netgraph_genl.h), on libnl-genl-3.
 * Every request of the project's userland goes through it: libnetgraph's
 * netgraph(3) functions, its events, ngctl-nl and nghook-nl.  Installed as
 * <netgraph/ngnl.h>: libnetgraph's Linux extension API.
 *
 * Conventions:
 *  - Every function that talks to the kernel returns 0 or a negative errno.
 *    The errno is the kernel's own (from its NLMSG_ERROR or NLMSG_DONE), not
 *    a libnl NLE_* code.
 *  - When the kernel attached an extended-ack message to a failure,
 *    ngnl_extack() returns it until the next request; otherwise NULL.
 *  - Dumps stream: the callback sees one object at a time, so a dump has no
 *    size limit.  A callback returning a negative errno stops delivery; the
 *    rest of the dump is drained so the socket stays usable, and that errno
 *    is returned.
 *  - A handle is not thread safe.  Use one handle per thread, and a separate
 *    handle for events.
 */
#ifndef NGNL_H
#define NGNL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <netgraph/ng_message.h>
#include <netgraph/netgraph_genl.h>

struct ngnl;
struct nl_msg;
struct nlattr;

/* ngnl_open() flags */
#define NGNL_F_DRYRUN	0x1	/* no socket: print requests, send nothing */

/*
 * Connect to the kernel and resolve the family.  The family name is
 * NETGRAPH_GENL_NAME unless @family is non-NULL (the test suite points the
 * library at other families).  Returns 0 and *@hp, or:
 *   -ENOENT   the family is not registered (netgraph.ko not loaded);
 *   other     the errno of the socket or resolution failure.
 * With NGNL_F_DRYRUN no socket is opened; requests are printed on the
 * stream set by ngnl_set_trace() (stdout by default) and succeed without a
 * reply.
 */
int ngnl_open(struct ngnl **hp, const char *family, unsigned int flags);
/*
 * A handle on @fd, a netlink socket of the caller's (from ngnl_socket()):
 * requests sent through the handle come from that socket, and
 * ngnl_close() leaves @fd open (the handle works on a duplicate).  The
 * family is @like's when @like is not NULL, otherwise it is resolved as by
 * ngnl_open().  Returns 0 and *@hp, or a negative errno.
 */
int ngnl_open_fd(struct ngnl **hp, int fd, const struct ngnl *like);
void ngnl_close(struct ngnl *h);
/*
 * A new bound NETLINK_GENERIC socket (close-on-exec, extended acks
 * requested), for ngnl_open_fd(): its descriptor, or a negative errno.
 */
int ngnl_socket(void);

/* The socket's file descriptor (-1 in dry-run mode), for poll(). */
int ngnl_fd(const struct ngnl *h);
/* The resolved family id (0 in dry-run mode). */
int ngnl_family_id(const struct ngnl *h);

/*
 * Debug level: 0 quiet; 1 prints every request and its outcome on the trace
 * stream; 2 also prints every reply.
 */
void ngnl_set_debug(struct ngnl *h, int level);
int ngnl_get_debug(const struct ngnl *h);
void ngnl_set_trace(struct ngnl *h, FILE *fp);

/* The extack message of the last failed request, or NULL. */
const char *ngnl_extack(const struct ngnl *h);
/* Set when the last dump carried NLM_F_DUMP_INTR (the graph changed). */
bool ngnl_dump_interrupted(const struct ngnl *h);

/* ---- decoded objects ---- */

struct ngnl_node {
	uint32_t id;
	uint32_t numhooks;
	char name[NG_NODESIZ];		/* "" when unnamed */
	char type[NG_TYPESIZ];
};

struct ngnl_hook {
	char name[NG_HOOKSIZ];		/* the hook on the listed node */
	char peerhook[NG_HOOKSIZ];	/* the hook on the peer ("" if absent) */
	bool has_peer;
	struct ngnl_node peer;
};

struct ngnl_typeinfo {
	char name[NG_TYPESIZ];
	uint32_t numnodes;
};

struct ngnl_stats {
	uint32_t present;		/* bit (1 << NETGRAPH_STATS_A_x) */
	uint32_t nodes;
	uint64_t deferred;
	uint64_t loop_drops;
	uint64_t queue_drops;
	uint64_t msg_loop_drops;
	uint64_t msg_queue_drops;
	uint64_t limit_hits;
};

/* Parse nested attributes; 0 or -EPROTO/-EINVAL if malformed. */
int ngnl_parse_node(const struct nlattr *nest, struct ngnl_node *n);
int ngnl_parse_hook(const struct nlattr *nest, struct ngnl_hook *hk);
int ngnl_parse_typeinfo(const struct nlattr *nest, struct ngnl_typeinfo *t);
int ngnl_parse_stats(const struct nlattr *nest, struct ngnl_stats *s);

/* ---- graph operations ---- */

/*
 * MKPEER.  @path NULL creates a standalone (unconnected) node of @type; the
 * hook names are still sent and the kernel ignores them.  @newnode, if not
 * NULL, receives the new node (zeroed if the kernel did not return it).
 */
int ngnl_mkpeer(struct ngnl *h, const char *path, const char *type,
		const char *ourhook, const char *peerhook,
		struct ngnl_node *newnode);
int ngnl_connect(struct ngnl *h, const char *path, const char *peerpath,
		 const char *ourhook, const char *peerhook);
int ngnl_name(struct ngnl *h, const char *path, const char *name);
int ngnl_rmhook(struct ngnl *h, const char *path, const char *hook);
int ngnl_shutdown(struct ngnl *h, const char *path);
/* GET_NODE do.  -ENODATA if the reply lacked a node (e.g. dry run). */
int ngnl_get_node(struct ngnl *h, const char *path, struct ngnl_node *n);

typedef int (*ngnl_node_cb)(const struct ngnl_node *n, void *arg);
typedef int (*ngnl_hook_cb)(const struct ngnl_hook *hk, void *arg);
typedef int (*ngnl_type_cb)(const struct ngnl_typeinfo *t, void *arg);

/* GET_NODE dump; @flags NETGRAPH_F_NAMED for named nodes only. */
int ngnl_dump_nodes(struct ngnl *h, uint32_t flags, ngnl_node_cb cb,
		    void *arg);
/* GET_HOOKS dump of the node at @path. */
int ngnl_dump_hooks(struct ngnl *h, const char *path, ngnl_hook_cb cb,
		    void *arg);
/* GET_TYPE dump. */
int ngnl_dump_types(struct ngnl *h, ngnl_type_cb cb, void *arg);

/*
 * MSG: deliver the ng_mesg @msg (@len bytes: header + arglen) to the node
 * at @path.  If the node answered synchronously, *@resp receives a
 * malloc()ed copy of its reply (free() it) and *@resplen its length, and
 * the reply's arglen is clamped to what was received; otherwise *@resp is
 * NULL.
 */
int ngnl_msg(struct ngnl *h, const char *path, const struct ng_mesg *msg,
	     size_t len, struct ng_mesg **resp, size_t *resplen);
/* ngnl_msg() with NETGRAPH_A_FLAGS @flags (NETGRAPH_F_FROM_NODE). */
int ngnl_msg_flags(struct ngnl *h, const char *path, uint32_t flags,
		   const struct ng_mesg *msg, size_t len,
		   struct ng_mesg **resp, size_t *resplen);
int ngnl_inject(struct ngnl *h, const char *path, const char *hook,
		const void *data, size_t len);
int ngnl_get_stats(struct ngnl *h, struct ngnl_stats *s);

/* ---- socket nodes (Documentation/ng_socket.rst) ---- */

/*
 * SOCK_NEW: make a socket node owned by @h's socket, named @name (NULL or
 * "": unnamed).  Messages sent with NETGRAPH_F_FROM_NODE and packets sent
 * with ngnl_sock_data() through @h come from that node.  *@node receives
 * the new node (-EPROTO if the kernel did not return it).
 */
int ngnl_sock_new(struct ngnl *h, const char *name, struct ngnl_node *node);
/*
 * SOCK_ATTACH: make @h's socket the channel @channel
 * (NETGRAPH_SOCK_CHAN_CTL or _DATA) of socket node @id.
 */
int ngnl_sock_attach(struct ngnl *h, uint32_t id, uint32_t channel);
/* SOCK_DATA: send a packet out of @h's node on @hook (NULL: its only hook). */
int ngnl_sock_data(struct ngnl *h, const char *hook, const void *data,
		   size_t len);

/* ---- control messages ---- */

/* A fresh token: a process-wide counter starting at 1, masked to INT_MAX. */
uint32_t ngnl_next_token(void);
/*
 * Build a struct ng_mesg (version NG_VERSION, flags NGF_ORIG, a fresh token)
 * with @arglen bytes of @args.  @cmdstr NULL gives "cmd<N>".  Returns a
 * malloc()ed message and its total length in *@lenp, or NULL (ENOMEM, or
 * EMSGSIZE if it cannot fit in one attribute).
 */
struct ng_mesg *ngnl_mesg_build(uint32_t cookie, uint32_t cmd,
				const char *cmdstr, const void *args,
				size_t arglen, size_t *lenp);

/* ---- events ---- */

struct ngnl_event {
	uint8_t cmd;			/* NETGRAPH_CMD_EV_*; 0: events lost */
	bool has_node;
	struct ngnl_node node;
	bool has_hook;
	struct ngnl_hook hook;
};

typedef int (*ngnl_event_cb)(const struct ngnl_event *ev, void *arg);

/* Join the NETGRAPH_MCGRP_EVENTS group (-ENOENT if the family lacks it). */
int ngnl_subscribe_events(struct ngnl *h);
/*
 * Block until at least one datagram arrives and deliver its events.  A
 * receive-buffer overrun is reported as one event with cmd 0 and is not an
 * error.  Returns 0, the callback's negative errno, or a negative errno.
 */
int ngnl_recv_events(struct ngnl *h, ngnl_event_cb cb, void *arg);

/* ---- messages received outside a request ---- */

struct nlmsghdr;

/*
 * Index the attributes of @nlh, a message of the family received on a
 * socket of one's own (a notification: an event, SOCK_MSG, SOCK_DATA),
 * into @tb (NETGRAPH_A_MAX + 1 entries).  Returns its genetlink command,
 * or -EPROTO if it is malformed.
 */
int ngnl_parse_notification(const struct nlmsghdr *nlh, struct nlattr **tb);
/* Decode @nlh as an event into @ev; 0 or -EPROTO. */
int ngnl_parse_event(const struct nlmsghdr *nlh, struct ngnl_event *ev);

/* ---- low level ---- */

/*
 * Called for every reply message of a request with the genetlink command
 * and the top-level attributes (index 0..NETGRAPH_A_MAX, NULL if absent).
 */
typedef int (*ngnl_reply_cb)(uint8_t cmd, struct nlattr **tb, void *arg);

/* A new request for the family; @dump adds NLM_F_DUMP. NULL on ENOMEM. */
struct nl_msg *ngnl_msg_alloc(struct ngnl *h, uint8_t cmd, bool dump);
/*
 * Send @msg (always consumed), collect the replies through @cb (may be
 * NULL), and wait for the final ACK, error or NLMSG_DONE.
 */
int ngnl_request(struct ngnl *h, struct nl_msg *msg, ngnl_reply_cb cb,
		 void *arg);

/* Names for tracing: "NETGRAPH_CMD_MKPEER", "NETGRAPH_A_PATH", ... */
const char *ngnl_cmd_name(unsigned int cmd);
const char *ngnl_attr_name(unsigned int attr);

#endif /* NGNL_H */
