// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: control messages and the generic commands.
 *
 * A message from netlink is delivered synchronously under the graph lock
 * and its reply, if the node answers at once, returns in the netlink reply.
 * Messages a node sends -- replies to other nodes, late replies, node-made
 * messages -- are always queued and delivered from a work item under the
 * graph lock, so a node method never runs inside another's.
 *
 * Memory: every message, and each queue entry, is charged to a memory
 * cgroup (__GFP_ACCOUNT): the caller's when a task sends it, and for the
 * messages a queued message causes, the cgroup of the task that started
 * the chain (its budget keeps it; the worker delivers under
 * set_active_memcg()).  Chains a softirq or a kernel thread starts are
 * charged to no one.
 */
#include <linux/memcontrol.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"

#define NG_MSG_MAXARG	(16 << 20)	/* upper bound on one message */
/*
 * Queue entries and budgets: any context, charged, and held to the
 * cgroup's limit (GFP_ATOMIC's __GFP_HIGH would charge past memory.max
 * and dip into the reserves).
 */
#define NG_MSG_GFP	(GFP_NOWAIT | __GFP_NOWARN | __GFP_ACCOUNT)

/*
 * What a message and everything it causes may still send: shared by a
 * message, the messages a node sends while handling it, theirs, and so
 * on.  A fan-out (vlan passes a flow message to 4096 hooks) in a loop
 * would otherwise multiply at every lap, up to NG_MAX_HOPS laps.
 */
struct ng_msg_budget {
	refcount_t ref;
	atomic_t left;
	struct mem_cgroup *memcg;	/* the chain's starter's (referenced) */
};

struct ng_qmsg {
	struct list_head link;
	struct ng_mesg *msg;
	u32 from;		/* sender's ID */
	u32 to;			/* destination ID, if @hook is NULL */
	struct ng_hook *hook;	/* destination hook (referenced) */
	u16 hops;		/* 1 + hops of the message that caused it */
	struct ng_msg_budget *budget;	/* referenced */
};

static DEFINE_SPINLOCK(ng_msgq_lock);

static void ng_msg_budget_put(struct ng_msg_budget *b)
{
	if (b && refcount_dec_and_test(&b->ref)) {
		mem_cgroup_put(b->memcg);
		kfree(b);
	}
}

/*
 * A fresh budget, with one reference for the caller; NULL: no memory.  It
 * keeps the memory cgroup the chain is charged to: the active one (a
 * ksocket worker acting for its creator) or the task's; none in softirq,
 * where current is whoever was interrupted.
 */
static struct ng_msg_budget *ng_msg_budget_new(void)
{
	struct ng_msg_budget *b = kmalloc(sizeof(*b), NG_MSG_GFP);

	if (b) {
		refcount_set(&b->ref, 1);
		atomic_set(&b->left, NG_MSG_BUDGET);
		b->memcg = in_task() ? get_mem_cgroup_from_mm(NULL) : NULL;
	}
	return b;
}

/* The graph lock is about to be released: drop a budget made for it. */
void ng_msg_budget_end(struct ng_net *ngn)
{
	if (ngn->msg_budget_own)
		ng_msg_budget_put(ngn->msg_budget);
	ngn->msg_budget = NULL;
	ngn->msg_budget_own = false;
}

/*
 * Spend one message of the budget of what is being done now, and give
 * the message a reference to it: the delivered message's under the graph
 * lock, else a fresh one (a node's timer, work item or socket callback
 * starts a new chain).  Return: 0, -ELOOP (spent) or -ENOMEM.
 */
static int ng_msg_budget_take(struct ng_net *ngn, struct ng_qmsg *q)
{
	struct ng_msg_budget *b;

	if (!ng_net_locked(ngn)) {
		q->budget = ng_msg_budget_new();
		return q->budget ? 0 : -ENOMEM;
	}
	b = ngn->msg_budget;
	if (!b) {
		b = ng_msg_budget_new();
		if (!b)
			return -ENOMEM;
		ngn->msg_budget = b;
		ngn->msg_budget_own = true;
	}
	if (atomic_dec_if_positive(&b->left) < 0)
		return -ELOOP;
	refcount_inc(&b->ref);
	q->budget = b;
	return 0;
}

struct ng_mesg *ng_mkmessage(u32 cookie, u32 cmd, const char *cmdstr,
			     size_t arglen, gfp_t gfp)
{
	struct ng_mesg *msg;

	if (arglen > NG_MSG_MAXARG)
		return NULL;
	msg = kvzalloc(sizeof(*msg) + arglen, gfp | __GFP_ACCOUNT);
	if (!msg)
		return NULL;
	msg->header.version = NG_VERSION;
	msg->header.arglen = arglen;
	msg->header.cmd = cmd;
	msg->header.typecookie = cookie;
	if (cmdstr)
		strscpy(msg->header.cmdstr, cmdstr, sizeof(msg->header.cmdstr));
	return msg;
}
EXPORT_SYMBOL_GPL(ng_mkmessage);

/* A copy of @msg, header and arguments (FreeBSD's NG_COPYMESSAGE). */
struct ng_mesg *ng_copymessage(const struct ng_mesg *msg, gfp_t gfp)
{
	struct ng_mesg *copy;

	copy = ng_mkmessage(msg->header.typecookie, msg->header.cmd,
			    msg->header.cmdstr, msg->header.arglen, gfp);
	if (!copy)
		return NULL;
	copy->header.flags = msg->header.flags;
	copy->header.token = msg->header.token;
	memcpy(copy->data, msg->data, msg->header.arglen);
	return copy;
}
EXPORT_SYMBOL_GPL(ng_copymessage);

/* A reply to @msg with @arglen zeroed bytes of arguments. */
struct ng_mesg *ng_mkresponse(const struct ng_mesg *msg, size_t arglen,
			      gfp_t gfp)
{
	struct ng_mesg *resp;

	resp = ng_mkmessage(msg->header.typecookie, msg->header.cmd, NULL,
			    arglen, gfp);
	if (!resp)
		return NULL;
	resp->header.flags = NGF_RESP;
	resp->header.token = msg->header.token;
	memcpy(resp->header.cmdstr, msg->header.cmdstr,
	       sizeof(resp->header.cmdstr));
	resp->header.cmdstr[NG_CMDSTRSIZ - 1] = '\0';
	return resp;
}
EXPORT_SYMBOL_GPL(ng_mkresponse);

/**
 * ng_msg_check - validate a message header from outside
 * @msg: the message
 * @len: bytes available at @msg
 * @extack: error reporting
 *
 * Everything after this check may print the header's cmdstr (extack texts,
 * replies, forwarded copies), so it must end within its field.
 *
 * Return: 0, or -EINVAL for a short buffer, a wrong version, a cmdstr
 * without its NUL or an arglen that does not match @len.
 */
int ng_msg_check(const struct ng_mesg *msg, size_t len,
		 struct netlink_ext_ack *extack)
{
	if (len < sizeof(*msg)) {
		NL_SET_ERR_MSG(extack, "message shorter than struct ng_mesg");
		return -EINVAL;
	}
	if (msg->header.version != NG_VERSION) {
		NG_ERR(extack, "message version is not NG_VERSION (8)",
		       "message version %u, expected %u",
		       msg->header.version, NG_VERSION);
		return -EINVAL;
	}
	if (strnlen(msg->header.cmdstr, NG_CMDSTRSIZ) >= NG_CMDSTRSIZ) {
		NL_SET_ERR_MSG(extack, "message cmdstr is not NUL-terminated");
		return -EINVAL;
	}
	if (msg->header.arglen != len - sizeof(*msg)) {
		NG_ERR(extack, "message arglen does not match its length",
		       "message arglen %u, but %zu bytes of arguments follow",
		       msg->header.arglen, len - sizeof(*msg));
		return -EINVAL;
	}
	return 0;
}

/* The bytes a queued message holds, for the namespace's byte bound. */
static size_t ng_qmsg_size(const struct ng_qmsg *q)
{
	return sizeof(*q) + sizeof(*q->msg) + q->msg->header.arglen;
}

/*
 * The hop count of a message sent now: one more than the message being
 * delivered when a node sends from its rcvmsg (a forwarded flow message),
 * else 1 (a node's own timer, work item or socket callback).
 */
static u16 ng_msg_next_hops(struct ng_net *ngn)
{
	return ng_net_locked(ngn) ? ngn->msg_hops + 1 : 1;
}

/*
 * Queue @q (consumed) unless it has made too many hops, the namespace's
 * queue is at its bounds, or the namespace is going away.
 */
static int ng_msgq_add(struct ng_net *ngn, struct ng_qmsg *q)
{
	size_t size = ng_qmsg_size(q);
	int err = 0;

	if (q->hops > NG_MAX_HOPS) {
		atomic64_inc(&ngn->msg_loop_drops);
		err = -ELOOP;
		goto drop;
	}
	err = ng_msg_budget_take(ngn, q);
	if (err) {
		if (err == -ELOOP)
			atomic64_inc(&ngn->msg_loop_drops);
		goto drop;
	}
	spin_lock_bh(&ng_msgq_lock);
	if (ngn->msgq_closed) {
		err = -ENETDOWN;
	} else if (ngn->msgq_len >= READ_ONCE(ng_max_queued_msgs) ||
		   ngn->msgq_bytes + size > READ_ONCE(ng_max_queued_msg_bytes)) {
		atomic64_inc(&ngn->msg_queue_drops);
		err = -ENOBUFS;
	} else {
		list_add_tail(&q->link, &ngn->msgq);
		ngn->msgq_len++;
		ngn->msgq_bytes += size;
		/* ORDER: under the lock, so ng_msgq_close() cancels it. */
		schedule_work(&ngn->msg_work);
	}
	spin_unlock_bh(&ng_msgq_lock);
	if (!err)
		return 0;
drop:
	if (q->hook)
		ng_hook_put(q->hook);
	ng_msg_budget_put(q->budget);
	kvfree(q->msg);
	kfree(q);
	return err;
}

/* Queue @msg (consumed) from @from to node @id. */
int ng_send_msg_id(struct ng_node *from, u32 id, struct ng_mesg *msg)
{
	struct ng_qmsg *q;

	if (!id) {
		kvfree(msg);
		return -EDESTADDRREQ;
	}
	q = kzalloc(sizeof(*q), NG_MSG_GFP);
	if (!q) {
		kvfree(msg);
		return -ENOMEM;
	}
	q->msg = msg;
	q->from = from->id;
	q->to = id;
	q->hops = ng_msg_next_hops(from->ngn);
	return ng_msgq_add(from->ngn, q);
}
EXPORT_SYMBOL_GPL(ng_send_msg_id);

int ng_send_msg_hook(struct ng_node *from, struct ng_hook *hook,
		     struct ng_mesg *msg)
{
	struct ng_hook *peer;
	struct ng_qmsg *q;

	q = kzalloc(sizeof(*q), NG_MSG_GFP);
	if (!q) {
		kvfree(msg);
		return -ENOMEM;
	}
	rcu_read_lock();
	peer = rcu_dereference(hook->peer);
	if (peer && ng_hook_is_valid(peer))
		ng_hook_get(peer);
	else
		peer = NULL;
	rcu_read_unlock();
	if (!peer) {
		kfree(q);
		kvfree(msg);
		return -ENOTCONN;
	}
	q->msg = msg;
	q->from = from->id;
	q->hook = peer;
	q->hops = ng_msg_next_hops(from->ngn);
	return ng_msgq_add(from->ngn, q);
}
EXPORT_SYMBOL_GPL(ng_send_msg_hook);

/**
 * ng_respond - answer the message being handled
 * @node: the answering node
 * @item: the message's item
 * @resp: the reply (consumed), typically from ng_mkresponse()
 *
 * A synchronous netlink request gets the reply in its netlink answer; so
 * does, at once, a socket node's message (ng_sock_msg(): FreeBSD queues a
 * synchronous reply on the control socket before the send returns); a
 * message from any other node gets it queued to that node.
 *
 * Return: 0, or -ENOTCONN if the sender can no longer be reached.
 */
int ng_respond(struct ng_node *node, struct ng_msgitem *item,
	       struct ng_mesg *resp)
{
	if (item->sync || item->keep_resp) {
		kvfree(item->resp);
		item->resp = resp;
		return 0;
	}
	if (!item->retaddr) {
		kvfree(resp);
		return -ENOTCONN;
	}
	return ng_send_msg_id(node, item->retaddr, resp);
}
EXPORT_SYMBOL_GPL(ng_respond);

static int ng_gen_nodeinfo(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_mesg *resp;

	resp = ng_mkresponse(item->msg, sizeof(struct nodeinfo), GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ng_node_info(node, (struct nodeinfo *)resp->data);
	return ng_respond(node, item, resp);
}

static int ng_gen_listhooks(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_mesg *resp;
	struct hooklist *hl;
	struct ng_hook *hook;
	unsigned int n = 0;

	resp = ng_mkresponse(item->msg, struct_size(hl, link, node->numhooks),
			     GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	hl = (struct hooklist *)resp->data;
	list_for_each_entry(hook, &node->hooks, link) {
		struct linkinfo *li;

		if (!ng_hook_is_valid(hook) || n >= node->numhooks)
			continue;
		li = &hl->link[n++];
		strscpy(li->ourhook, hook->name, sizeof(li->ourhook));
		strscpy(li->peerhook, hook->pair->name, sizeof(li->peerhook));
		ng_node_info(hook->pair->node, &li->nodeinfo);
	}
	ng_node_info(node, &hl->nodeinfo);
	hl->nodeinfo.hooks = n;
	resp->header.arglen = struct_size(hl, link, n);
	return ng_respond(node, item, resp);
}

static int ng_gen_listnodes(struct ng_node *node, struct ng_msgitem *item,
			    bool named)
{
	struct ng_net *ngn = node->ngn;
	struct ng_mesg *resp;
	struct namelist *nl;
	struct ng_node *n;
	unsigned long id;
	u32 cnt = 0;

	resp = ng_mkresponse(item->msg, struct_size(nl, nodeinfo, ngn->numnodes),
			     GFP_KERNEL);
	if (!resp) {
		NL_SET_ERR_MSG(item->extack, "node list too large for one message; use the GET_NODE dump");
		return -ENOMEM;
	}
	nl = (struct namelist *)resp->data;
	xa_for_each(&ngn->nodes, id, n) {
		if (!ng_node_valid(n) || (named && !n->name[0]))
			continue;
		if (cnt >= ngn->numnodes)
			break;
		ng_node_info(n, &nl->nodeinfo[cnt++]);
	}
	nl->numnames = cnt;
	resp->header.arglen = struct_size(nl, nodeinfo, cnt);
	return ng_respond(node, item, resp);
}

struct ng_typelist_ctx {
	struct typelist *tl;
	u32 max;
};

static int ng_typelist_one(const struct ng_type *t, void *arg)
{
	struct ng_typelist_ctx *ctx = arg;
	struct typeinfo *ti;

	if (ctx->tl->numtypes >= ctx->max)
		return 1;
	ti = &ctx->tl->typeinfo[ctx->tl->numtypes++];
	strscpy(ti->type_name, t->name, sizeof(ti->type_name));
	ti->numnodes = atomic_read(&t->numnodes);
	return 0;
}

static int ng_gen_listtypes(struct ng_node *node, struct ng_msgitem *item)
{
	struct ng_typelist_ctx ctx;
	struct ng_mesg *resp;
	u32 max = 256;

	resp = ng_mkresponse(item->msg, struct_size(ctx.tl, typeinfo, max),
			     GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ctx.tl = (struct typelist *)resp->data;
	ctx.max = max;
	ng_type_dump(ng_typelist_one, &ctx, 0);
	resp->header.arglen = struct_size(ctx.tl, typeinfo, ctx.tl->numtypes);
	return ng_respond(node, item, resp);
}

/* Copy a fixed-size string argument, insisting on its NUL. */
static int ng_arg_str(char *dst, const char *src, size_t size,
		      const char *what, struct netlink_ext_ack *extack)
{
	if (strnlen(src, size) >= size) {
		NG_ERR(extack, "string argument not NUL-terminated",
		       "argument field %s is not NUL-terminated", what);
		return -EINVAL;
	}
	memcpy(dst, src, size);
	return 0;
}

static int ng_arglen_check(struct ng_msgitem *item, size_t want)
{
	if (item->msg->header.arglen != want) {
		NG_ERR(item->extack, "wrong argument length for this command",
		       "%s needs %zu bytes of arguments, got %u",
		       item->msg->header.cmdstr, want,
		       item->msg->header.arglen);
		return -EINVAL;
	}
	return 0;
}

static int ng_generic_msg(struct ng_node *node, struct ng_msgitem *item)
{
	struct netlink_ext_ack *extack = item->extack;
	struct ng_mesg *msg = item->msg;
	int err;

	switch (msg->header.cmd) {
	case NGM_SHUTDOWN:
		ng_node_shutdown(node);
		return 0;
	case NGM_MKPEER: {
		struct ngm_mkpeer a;

		err = ng_arglen_check(item, sizeof(a));
		if (!err)
			err = ng_arg_str(a.type, ((struct ngm_mkpeer *)msg->data)->type,
					 NG_TYPESIZ, "type", extack);
		if (!err)
			err = ng_arg_str(a.ourhook, ((struct ngm_mkpeer *)msg->data)->ourhook,
					 NG_HOOKSIZ, "ourhook", extack);
		if (!err)
			err = ng_arg_str(a.peerhook, ((struct ngm_mkpeer *)msg->data)->peerhook,
					 NG_HOOKSIZ, "peerhook", extack);
		if (err)
			return err;
		return ng_mkpeer(node, a.type, a.ourhook, a.peerhook, NULL,
				 extack);
	}
	case NGM_CONNECT: {
		struct ngm_connect *c = (struct ngm_connect *)msg->data;
		struct ng_node *peer;
		char ourhook[NG_HOOKSIZ], peerhook[NG_HOOKSIZ];

		err = ng_arglen_check(item, sizeof(*c));
		if (!err)
			err = ng_arg_str(ourhook, c->ourhook, NG_HOOKSIZ,
					 "ourhook", extack);
		if (!err)
			err = ng_arg_str(peerhook, c->peerhook, NG_HOOKSIZ,
					 "peerhook", extack);
		if (!err && strnlen(c->path, NG_PATHSIZ) >= NG_PATHSIZ) {
			NL_SET_ERR_MSG(extack, "argument field path is not NUL-terminated");
			err = -EINVAL;
		}
		if (!err)
			err = ng_path_resolve(node->ngn, node, c->path, &peer,
					      NULL, extack);
		if (err)
			return err;
		return ng_connect(node, peer, ourhook, peerhook, extack);
	}
	case NGM_NAME: {
		char name[NG_NODESIZ];

		err = ng_arglen_check(item, sizeof(struct ngm_name));
		if (!err)
			err = ng_arg_str(name, msg->data, NG_NODESIZ, "name",
					 extack);
		return err ?: ng_node_set_name(node, name, extack);
	}
	case NGM_RMHOOK: {
		char hook[NG_HOOKSIZ];

		err = ng_arglen_check(item, sizeof(struct ngm_rmhook));
		if (!err)
			err = ng_arg_str(hook, msg->data, NG_HOOKSIZ, "hook",
					 extack);
		return err ?: ng_rmhook(node, hook);
	}
	case NGM_NODEINFO:
		return ng_gen_nodeinfo(node, item);
	case NGM_LISTHOOKS:
		return ng_gen_listhooks(node, item);
	case NGM_LISTNAMES:
	case NGM_LISTNODES:
		return ng_gen_listnodes(node, item,
					msg->header.cmd == NGM_LISTNAMES);
	case NGM_LISTTYPES:
		return ng_gen_listtypes(node, item);
	case NGM_TEXT_STATUS:
	case NGM_TEXT_CONFIG:
		if (!node->type->rcvmsg) {
			NL_SET_ERR_MSG(extack, "node type has no status or config text");
			return -EINVAL;
		}
		return node->type->rcvmsg(node, item);
	case NGM_BINARY2ASCII:
		return ng_gen_binary2ascii(node, item);
	case NGM_ASCII2BINARY:
		return ng_gen_ascii2binary(node, item);
	default:
		NG_ERR(extack, "unknown generic command",
		       "unknown generic command %u", msg->header.cmd);
		return -EINVAL;
	}
}

/**
 * ng_msg_deliver - hand a message to a node (graph locked)
 * @node: the destination
 * @item: the message
 *
 * Generic requests are handled by the core; everything else, replies
 * included, goes to the type's rcvmsg.  A type without rcvmsg drops the
 * message and reports success (FreeBSD's behaviour).
 *
 * Return: the handler's result.
 */
int ng_msg_deliver(struct ng_node *node, struct ng_msgitem *item)
{
	const struct ng_msghdr *h = &item->msg->header;

	lockdep_assert_held(&node->ngn->lock);
	if (!ng_node_valid(node)) {
		NL_SET_ERR_MSG(item->extack, "node is shutting down");
		return -EINVAL;
	}
	if (h->typecookie == NGM_GENERIC_COOKIE && !(h->flags & NGF_RESP))
		return ng_generic_msg(node, item);
	if (!node->type->rcvmsg)
		return 0;
	return node->type->rcvmsg(node, item);
}

static struct ng_qmsg *ng_msgq_pop(struct ng_net *ngn)
{
	struct ng_qmsg *q;

	spin_lock_bh(&ng_msgq_lock);
	q = list_first_entry_or_null(&ngn->msgq, struct ng_qmsg, link);
	if (q) {
		list_del(&q->link);
		ngn->msgq_len--;
		ngn->msgq_bytes -= ng_qmsg_size(q);
	}
	spin_unlock_bh(&ng_msgq_lock);
	return q;
}

static void ng_qmsg_free(struct ng_qmsg *q)
{
	kvfree(q->msg);
	if (q->hook)
		ng_hook_put(q->hook);
	ng_msg_budget_put(q->budget);
	kfree(q);
}

void ng_msgq_work(struct work_struct *work)
{
	struct ng_net *ngn = container_of(work, struct ng_net, msg_work);
	struct ng_qmsg *q;
	int n = 0;

	ng_net_lock(ngn);
	while (n++ < 64 && (q = ng_msgq_pop(ngn))) {
		struct ng_msgitem item = {
			.msg = q->msg,
			.retaddr = q->from,
		};
		struct ng_node *node = NULL;

		if (q->hook) {
			if (ng_hook_is_valid(q->hook)) {
				node = q->hook->node;
				item.lasthook = q->hook;
			}
		} else {
			node = ng_node_by_id(ngn, q->to);
		}
		if (node) {
			struct mem_cgroup *old;

			ng_msg_budget_end(ngn);
			ngn->msg_hops = q->hops;
			ngn->msg_budget = q->budget;
			old = set_active_memcg(q->budget->memcg);
			ng_msg_deliver(node, &item);
			set_active_memcg(old);
			ngn->msg_hops = 0;
			ngn->msg_budget = NULL;
		}
		ng_qmsg_free(q);
	}
	ng_net_unlock(ngn);
	/* Nodes answering each other forever must not starve the lock. */
	if (n > 64) {
		spin_lock_bh(&ng_msgq_lock);
		if (!ngn->msgq_closed)
			schedule_work(work);
		spin_unlock_bh(&ng_msgq_lock);
	}
}

/**
 * ng_msgq_close - refuse new messages, drop the queued ones, stop the worker
 * @ngn: a namespace whose nodes are all dead (pre_exit)
 *
 * Messages still queued can only reach dead nodes, which would drop them,
 * so they are freed undelivered.  After this returns the work item neither
 * runs nor can be queued again, and @ngn may be freed.
 */
void ng_msgq_close(struct ng_net *ngn)
{
	struct ng_qmsg *q, *tmp;
	LIST_HEAD(list);

	spin_lock_bh(&ng_msgq_lock);
	ngn->msgq_closed = true;
	list_splice_init(&ngn->msgq, &list);
	ngn->msgq_len = 0;
	ngn->msgq_bytes = 0;
	spin_unlock_bh(&ng_msgq_lock);
	cancel_work_sync(&ngn->msg_work);
	list_for_each_entry_safe(q, tmp, &list, link)
		ng_qmsg_free(q);
}
