/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netgraph for Linux: core-internal structures, shared by the core's files
 * and by nothing else.
 */
#ifndef _NG_CORE_H
#define _NG_CORE_H

#include <linux/mutex.h>
#include <linux/netlink.h>
#include <linux/rhashtable.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include "netgraph.h"
#include "../uapi/netgraph_genl.h"

struct genl_family;

/*
 * One graph per network namespace.
 *
 * @lock serializes every control operation of the namespace: messages,
 * topology changes and shutdowns (see netgraph.h).  Nodes and hooks that die
 * during an operation are collected on @dying_hooks and @dying_nodes and
 * finished by ng_net_unlock() before the lock is released (ng_reap()), so a
 * control operation returns with its teardown complete.
 */
struct ng_net {
	struct net *net;
	struct mutex lock;
	struct task_struct *owner;	/* task holding @lock */
	const struct cred *req_cred;	/* its credentials, NULL in a worker */
	struct netlink_ext_ack *extack;	/* of a newhook or connect method call */
	struct xarray nodes;		/* ID -> node; IDs from 1 */
	u32 next_id;
	struct rhashtable names;	/* name -> named node */
	unsigned int numnodes;
	u32 gen;			/* bumped on every topology change */
	bool dying;			/* pre_exit started: refuse new nodes */
	struct list_head dying_nodes;
	struct list_head dying_hooks;

	/* ng_rmnode_self() from outside control context */
	spinlock_t async_lock;
	struct list_head async_kill;	/* and async_closed: async_lock */
	bool async_closed;
	struct work_struct async_work;

	/*
	 * node-to-node messages, always queued; @msgq, @msgq_len,
	 * @msgq_bytes and @msgq_closed under ng_msgq_lock (msg.c)
	 */
	struct list_head msgq;
	unsigned int msgq_len;
	size_t msgq_bytes;
	bool msgq_closed;		/* pre_exit: queue nothing more */
	u16 msg_hops;			/* hops of the message being delivered */
	/*
	 * the budget the messages sent now draw from: the delivered
	 * message's, or (@msg_budget_own) one made for this hold of the
	 * graph lock; graph lock
	 */
	struct ng_msg_budget *msg_budget;
	bool msg_budget_own;
	struct work_struct msg_work;

	/* packets queued past the synchronous depth bound */
	struct sk_buff_head defer_q;	/* defer_closed under its lock */
	bool defer_closed;
	struct work_struct defer_work;

	atomic64_t deferred;
	atomic64_t loop_drops;
	atomic64_t queue_drops;
	atomic64_t msg_loop_drops;	/* messages past NG_MAX_HOPS */
	atomic64_t msg_queue_drops;	/* messages refused: queue limits */
	atomic64_t limit_hits;		/* nodes refused: ng_max_nodes */
};

/*
 * Per-namespace limits (module parameters, netns.c): a namespace admin
 * meets them only by trying to pin kernel memory.
 */
extern unsigned int ng_max_nodes;
extern unsigned int ng_max_queued_msgs;
extern unsigned int ng_max_queued_msg_bytes;
extern unsigned int ng_max_copies;

enum {
	NG_NODE_CLOSING,	/* shutdown started: no new hooks or messages */
	NG_NODE_ASYNC_KILL,	/* on ngn->async_kill */
	NG_NODE_PUBLISHED,	/* its creation was announced (events) */
};

struct ng_node {
	u32 id;
	char name[NG_NODESIZ];		/* zero padded; key of ngn->names */
	struct rhash_head name_link;
	struct ng_type *type;
	struct ng_net *ngn;
	unsigned long flags;		/* NG_NODE_* bits */
	struct list_head hooks;		/* struct ng_hook, RCU list */
	unsigned int numhooks;
	refcount_t ref;			/* creation + one per hook */
	struct list_head dying_link;
	struct list_head async_link;
	struct rcu_head rcu;
	u8 priv[] __aligned(sizeof(u64));
};

enum {
	NG_HOOK_LIVE,		/* connected: data and path walks may use it */
	NG_HOOK_DEAD,		/* removed; waiting for ng_reap() */
	NG_HOOK_LISTED,		/* on its node's hook list */
};

struct ng_hook {
	char name[NG_HOOKSIZ];
	struct ng_node *node;		/* holds a node reference */
	struct ng_hook __rcu *peer;	/* set only while both ends are live */
	struct ng_hook *pair;		/* the other end, for control code */
	unsigned long flags;		/* NG_HOOK_* bits */
	struct list_head link;		/* node->hooks */
	refcount_t ref;			/* node list + deferred packets */
	struct list_head dying_link;
	struct rcu_head rcu;
	u8 priv[] __aligned(sizeof(u64));
};

/* netns.c */
struct ng_net *ng_net_get(struct net *net);
void ng_net_lock(struct ng_net *ngn);
void ng_net_unlock(struct ng_net *ngn);
bool ng_net_locked(struct ng_net *ngn);
int ng_netns_init(void);
void ng_netns_exit(void);

/* type.c */
struct ng_type *ng_type_find_get(const char *name, bool autoload);
void ng_type_put(struct ng_type *type);
int ng_type_dump(int (*fn)(const struct ng_type *type, void *arg),
		 void *arg, unsigned int skip);

/* node.c */
int ng_node_make(struct ng_net *ngn, struct ng_type *type,
		 struct ng_node **nodep, struct netlink_ext_ack *extack);
int ng_node_new(struct ng_net *ngn, struct ng_type *type,
		int (*init)(struct ng_node *node, void *arg), void *arg,
		struct ng_node **nodep, struct netlink_ext_ack *extack);
void ng_node_get(struct ng_node *node);
void ng_node_put(struct ng_node *node);
void ng_node_kill(struct ng_node *node);
void ng_node_shutdown(struct ng_node *node);
struct ng_node *ng_node_by_id(struct ng_net *ngn, u32 id);
struct ng_node *ng_node_by_name(struct ng_net *ngn, const char *name);
int ng_node_set_name(struct ng_node *node, const char *name,
		     struct netlink_ext_ack *extack);
bool ng_node_valid(const struct ng_node *node);
void ng_node_info(const struct ng_node *node, struct nodeinfo *ni);
int ng_name_check(const char *name, struct netlink_ext_ack *extack);
bool ng_decode_id(const char *s, u32 *id);
void ng_reap(struct ng_net *ngn);
int ng_names_init(struct ng_net *ngn);
void ng_names_destroy(struct ng_net *ngn);

/* hook.c */
int ng_hookname_check(const char *name, struct netlink_ext_ack *extack);
int ng_mkpeer(struct ng_node *node, const char *type, const char *ourhook,
	      const char *peerhook, u32 *newid,
	      struct netlink_ext_ack *extack);
int ng_connect(struct ng_node *node, struct ng_node *peer,
	       const char *ourhook, const char *peerhook,
	       struct netlink_ext_ack *extack);
int ng_rmhook(struct ng_node *node, const char *name);
void ng_hook_kill(struct ng_hook *hook);
void ng_hook_get(struct ng_hook *hook);
void ng_hook_put(struct ng_hook *hook);
struct ng_hook *ng_hook_find_live(struct ng_node *node, const char *name);
struct ng_hook *ng_hook_peer_ctl(struct ng_hook *hook);

/* path.c */
struct ng_path {
	char buf[NG_PATHSIZ];
	const char *node;	/* node part, NULL if none */
	const char *hooks;	/* "h1.h2", NULL or empty if none */
};
int ng_path_parse(const char *addr, struct ng_path *p,
		  struct netlink_ext_ack *extack);
int ng_path_resolve(struct ng_net *ngn, struct ng_node *here,
		    const char *addr, struct ng_node **nodep,
		    struct ng_hook **lasthookp,
		    struct netlink_ext_ack *extack);

/* msg.c */
int ng_msg_deliver(struct ng_node *node, struct ng_msgitem *item);
int ng_msg_check(const struct ng_mesg *msg, size_t len,
		 struct netlink_ext_ack *extack);
void ng_msgq_work(struct work_struct *work);
void ng_msgq_close(struct ng_net *ngn);
void ng_msg_budget_end(struct ng_net *ngn);

/* cmdlist.c */
int ng_gen_binary2ascii(struct ng_node *node, struct ng_msgitem *item);
int ng_gen_ascii2binary(struct ng_node *node, struct ng_msgitem *item);

/* data.c */
int ng_data_inject(struct ng_hook *hook, struct sk_buff *skb);
void ng_defer_work(struct work_struct *work);
void ng_defer_close(struct ng_net *ngn);

/* genl.c */
extern struct genl_family ng_genl_family;
/*
 * The largest payload of one netlink attribute (nla_len is 16 bits): a
 * message or packet carried in one attribute (a reply, a notification to a
 * socket node's channel) is refused above it, never cut.
 */
#define NG_NLA_MAX_PAYLOAD	(U16_MAX - NLA_HDRLEN)
int ng_genl_init(void);
void ng_genl_exit(void);
void ng_notify_node(struct ng_node *node, u8 cmd);
void ng_notify_hook(struct ng_hook *hook, u8 cmd);

/* ng_socket.c: the user-level node type, built into netgraph.ko */
int ng_sock_type_init(void);
void ng_sock_type_exit(void);
int ng_sock_init(void);
void ng_sock_exit(void);
int ng_sock_new(struct net *net, u32 portid, const char *name,
		struct nodeinfo *ni, struct netlink_ext_ack *extack);
int ng_sock_attach(struct net *net, u32 portid, const char *path,
		   u32 channel, struct netlink_ext_ack *extack);
int ng_sock_msg(struct net *net, u32 portid, const char *path,
		struct ng_mesg *msg, struct netlink_ext_ack *extack);
int ng_sock_send(struct net *net, u32 portid, const char *hook,
		 struct sk_buff *skb, struct netlink_ext_ack *extack);

#endif /* _NG_CORE_H */
