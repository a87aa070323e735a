// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: hooks, always made and destroyed in pairs.
 *
 * A hook is created on its node after the node's type accepts the name
 * (newhook), linked to its pair, and goes live only after both types accept
 * the connection (connect).  Only then is the RCU peer pointer published,
 * so data never enters a half-made link.  Removing either end removes both.
 */
#include <kunit/visibility.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "core.h"

void *ng_hook_priv(const struct ng_hook *hook)
{
	return (void *)hook->priv;
}
EXPORT_SYMBOL_GPL(ng_hook_priv);

const char *ng_hook_name(const struct ng_hook *hook)
{
	return hook->name;
}
EXPORT_SYMBOL_GPL(ng_hook_name);

struct ng_node *ng_hook_node(const struct ng_hook *hook)
{
	return hook->node;
}
EXPORT_SYMBOL_GPL(ng_hook_node);

bool ng_hook_is_valid(const struct ng_hook *hook)
{
	return test_bit(NG_HOOK_LIVE, &hook->flags) &&
	       !test_bit(NG_HOOK_DEAD, &hook->flags);
}
EXPORT_SYMBOL_GPL(ng_hook_is_valid);

static struct ng_hook *ng_hook_next_valid(struct ng_node *node,
					  struct list_head *pos)
{
	struct ng_hook *hook;

	for (pos = rcu_dereference_raw(list_next_rcu(pos)); pos != &node->hooks;
	     pos = rcu_dereference_raw(list_next_rcu(pos))) {
		hook = list_entry(pos, struct ng_hook, link);
		if (ng_hook_is_valid(hook))
			return hook;
	}
	return NULL;
}

struct ng_hook *ng_hook_first_rcu(struct ng_node *node)
{
	return ng_hook_next_valid(node, &node->hooks);
}
EXPORT_SYMBOL_GPL(ng_hook_first_rcu);

struct ng_hook *ng_hook_next_rcu(struct ng_node *node, struct ng_hook *hook)
{
	return ng_hook_next_valid(node, &hook->link);
}
EXPORT_SYMBOL_GPL(ng_hook_next_rcu);

void ng_hook_get(struct ng_hook *hook)
{
	refcount_inc(&hook->ref);
}

static void ng_hook_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct ng_hook, rcu));
}

void ng_hook_put(struct ng_hook *hook)
{
	if (!refcount_dec_and_test(&hook->ref))
		return;
	ng_node_put(hook->node);
	call_rcu(&hook->rcu, ng_hook_free_rcu);
}

/* Any hook of @node called @name that is not dead, live or not. */
static struct ng_hook *ng_hook_find(struct ng_node *node, const char *name)
{
	struct ng_hook *hook;

	list_for_each_entry(hook, &node->hooks, link)
		if (!test_bit(NG_HOOK_DEAD, &hook->flags) &&
		    !strcmp(hook->name, name))
			return hook;
	return NULL;
}

struct ng_hook *ng_hook_find_live(struct ng_node *node, const char *name)
{
	struct ng_hook *hook = ng_hook_find(node, name);

	return hook && ng_hook_is_valid(hook) ? hook : NULL;
}

struct ng_hook *ng_node_find_hook(struct ng_node *node, const char *name)
{
	lockdep_assert_held(&node->ngn->lock);
	return ng_hook_find_live(node, name);
}
EXPORT_SYMBOL_GPL(ng_node_find_hook);

struct ng_hook *ng_hook_peer_ctl(struct ng_hook *hook)
{
	return hook->pair;
}

struct ng_node *ng_hook_peer_node_rcu(const struct ng_hook *hook)
{
	struct ng_hook *peer = rcu_dereference(hook->peer);

	return peer && ng_hook_is_valid(peer) ? peer->node : NULL;
}
EXPORT_SYMBOL_GPL(ng_hook_peer_node_rcu);

struct ng_node *ng_hook_pair_node(const struct ng_hook *hook)
{
	lockdep_assert_held(&hook->node->ngn->lock);
	return hook->pair ? hook->pair->node : NULL;
}
EXPORT_SYMBOL_GPL(ng_hook_pair_node);

/**
 * ng_hookname_check - rules for a hook name
 * @name: candidate
 * @extack: error reporting
 *
 * FreeBSD documents that hook names contain no '.' or ':' but never checks
 * and silently truncates long names; we enforce the documented rule.
 *
 * Return: 0, or -EINVAL for an empty name, a name of 32 or more characters
 * or one containing '.' or ':'.
 */
int ng_hookname_check(const char *name, struct netlink_ext_ack *extack)
{
	size_t len = strnlen(name, NG_HOOKSIZ);

	if (len == 0) {
		NL_SET_ERR_MSG(extack, "hook name is empty");
		return -EINVAL;
	}
	if (len >= NG_HOOKSIZ) {
		NL_SET_ERR_MSG(extack, "hook name longer than 31 characters");
		return -EINVAL;
	}
	if (strpbrk(name, ".:")) {
		NL_SET_ERR_MSG(extack, "hook name contains '.' or ':'");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ng_hookname_check);

/* Create @name on @node, asking the type; not yet linked or live. */
static int ng_hook_add(struct ng_node *node, const char *name,
		       struct ng_hook **hookp, struct netlink_ext_ack *extack)
{
	struct ng_hook *hook;
	int err;

	if (!ng_node_valid(node)) {
		NL_SET_ERR_MSG(extack, "node is shutting down");
		return -ENXIO;
	}
	err = ng_hookname_check(name, extack);
	if (err)
		return err;
	if (ng_hook_find(node, name)) {
		NG_ERR(extack, "hook name already in use on the node",
		       "node [%x] already has a hook \"%s\"", node->id, name);
		return -EEXIST;
	}
	hook = kzalloc(struct_size(hook, priv, node->type->hook_priv_size),
		       GFP_KERNEL_ACCOUNT);
	if (!hook)
		return -ENOMEM;
	strscpy(hook->name, name, sizeof(hook->name));
	hook->node = node;
	refcount_set(&hook->ref, 1);
	INIT_LIST_HEAD(&hook->dying_link);
	if (node->type->newhook) {
		node->ngn->extack = extack;
		err = node->type->newhook(node, hook, hook->name);
		node->ngn->extack = NULL;
		if (err) {
			if (!(extack && extack->_msg))
				NG_ERR(extack, "node type refused the hook name",
				       "node type %s refused hook \"%s\"",
				       node->type->name, name);
			kfree(hook);
			return err;
		}
	}
	ng_node_get(node);
	list_add_tail_rcu(&hook->link, &node->hooks);
	set_bit(NG_HOOK_LISTED, &hook->flags);
	node->numhooks++;
	node->ngn->gen++;
	*hookp = hook;
	return 0;
}

/* Unlink one end: off its node's list, counted out, queued for reap. */
static void ng_hook_unlink(struct ng_hook *hook)
{
	struct ng_net *ngn = hook->node->ngn;

	if (test_and_set_bit(NG_HOOK_DEAD, &hook->flags))
		return;
	RCU_INIT_POINTER(hook->peer, NULL);
	if (test_bit(NG_HOOK_LIVE, &hook->flags))
		ng_notify_hook(hook, NETGRAPH_CMD_EV_HOOK_DEL);
	list_del_rcu(&hook->link);
	hook->node->numhooks--;
	ngn->gen++;
	list_add_tail(&hook->dying_link, &ngn->dying_hooks);
}

/**
 * ng_hook_kill - remove a hook and its pair
 * @hook: either end (graph locked)
 *
 * Both ends stop carrying data at once; their nodes' disconnect methods run
 * from ng_reap() after an RCU grace period.
 */
void ng_hook_kill(struct ng_hook *hook)
{
	struct ng_hook *pair = hook->pair;

	lockdep_assert_held(&hook->node->ngn->lock);
	ng_hook_unlink(hook);
	if (pair)
		ng_hook_unlink(pair);
}

/* Link two new hooks and ask both types; on error both are killed. */
static int ng_hook_join(struct ng_hook *a, struct ng_hook *b,
			struct netlink_ext_ack *extack)
{
	int err = 0;

	a->pair = b;
	b->pair = a;
	a->node->ngn->extack = extack;
	if (a->node->type->connect)
		err = a->node->type->connect(a);
	if (!err && b->node->type->connect)
		err = b->node->type->connect(b);
	a->node->ngn->extack = NULL;
	if (err) {
		if (!(extack && extack->_msg))
			NL_SET_ERR_MSG(extack, "node type refused the connection");
		ng_hook_kill(a);
		return err;
	}
	set_bit(NG_HOOK_LIVE, &a->flags);
	set_bit(NG_HOOK_LIVE, &b->flags);
	rcu_assign_pointer(a->peer, b);
	rcu_assign_pointer(b->peer, a);
	if (a->node->type->live)
		a->node->type->live(a);
	/* (a's live method may have removed the pair again) */
	if (b->node->type->live && ng_hook_is_valid(b))
		b->node->type->live(b);
	ng_notify_hook(a, NETGRAPH_CMD_EV_HOOK_NEW);
	ng_notify_hook(b, NETGRAPH_CMD_EV_HOOK_NEW);
	return 0;
}

/**
 * ng_connect - connect hook @ourhook of @node to hook @peerhook of @peer
 * @node: the node the request addressed (graph locked)
 * @peer: the other node; may be @node itself
 * @ourhook: new hook name on @node
 * @peerhook: new hook name on @peer
 * @extack: error reporting
 *
 * Return:
 * * %0 - connected
 * * %-EINVAL - a bad hook name
 * * %-EEXIST - a hook of that name exists already
 * * %-ENXIO - a node is shutting down
 * * other - a type's newhook or connect veto
 */
int ng_connect(struct ng_node *node, struct ng_node *peer,
	       const char *ourhook, const char *peerhook,
	       struct netlink_ext_ack *extack)
{
	struct ng_hook *a, *b;
	int err;

	lockdep_assert_held(&node->ngn->lock);
	err = ng_hookname_check(peerhook, extack);
	if (err)
		return err;
	err = ng_hook_add(node, ourhook, &a, extack);
	if (err)
		return err;
	err = ng_hook_add(peer, peerhook, &b, extack);
	if (err) {
		ng_hook_kill(a);
		return err;
	}
	return ng_hook_join(a, b, extack);
}

/**
 * ng_mkpeer - create a node of type @type connected to @node
 * @node: existing node (graph locked)
 * @type: type name; module ng_<type> is loaded on demand
 * @ourhook: hook on @node
 * @peerhook: hook on the new node
 * @newid: the new node's ID, may be NULL
 * @extack: error reporting
 *
 * Any failure after the node exists shuts the new node down again.
 *
 * Return:
 * * %0 - created and connected
 * * %-ENXIO - no such type (after trying to load its module)
 * * %-EINVAL - the type cannot be created this way, or a bad hook name
 * * %-EEXIST - @node already has @ourhook
 * * other - the constructor's or a type's newhook/connect error
 */
int ng_mkpeer(struct ng_node *node, const char *type, const char *ourhook,
	      const char *peerhook, u32 *newid,
	      struct netlink_ext_ack *extack)
{
	struct ng_node *peer;
	struct ng_type *t;
	int err;

	err = ng_hookname_check(ourhook, extack);
	if (!err)
		err = ng_hookname_check(peerhook, extack);
	if (err)
		return err;
	if (ng_hook_find(node, ourhook)) {
		NG_ERR(extack, "hook name already in use on the node",
		       "node [%x] already has a hook \"%s\"", node->id,
		       ourhook);
		return -EEXIST;
	}
	t = ng_type_find_get(type, true);
	if (!t) {
		NG_ERR(extack, "unknown node type",
		       "unknown node type \"%s\" (no module netgraph-type-%s)", type,
		       type);
		return -ENXIO;
	}
	err = ng_node_make(node->ngn, t, &peer, extack);
	if (err)
		return err;
	err = ng_connect(node, peer, ourhook, peerhook, extack);
	if (err) {
		ng_node_kill(peer);
		return err;
	}
	if (newid)
		*newid = peer->id;
	return 0;
}

/**
 * ng_bypass - join the peers of two hooks of one node, removing both hooks
 * @h1: a live hook
 * @h2: another live hook of the same node
 *
 * The neighbours stay connected to each other when the node in the middle
 * goes away (FreeBSD's ng_bypass(), used by tee's close method).  Control
 * context only.
 *
 * Return: 0, or -EINVAL if the hooks are not two live hooks of one node or
 * the two peers are the same hook pair.
 */
int ng_bypass(struct ng_hook *h1, struct ng_hook *h2)
{
	struct ng_hook *p1, *p2;

	lockdep_assert_held(&h1->node->ngn->lock);
	if (h1 == h2 || h1->node != h2->node || !ng_hook_is_valid(h1) ||
	    !ng_hook_is_valid(h2))
		return -EINVAL;
	p1 = h1->pair;
	p2 = h2->pair;
	if (p1 == h2)	/* the node's two hooks are connected to each other */
		return -EINVAL;
	/* The peers now point at each other; h1 and h2 leave unpaired. */
	p1->pair = p2;
	p2->pair = p1;
	rcu_assign_pointer(p1->peer, p2);
	rcu_assign_pointer(p2->peer, p1);
	h1->pair = NULL;
	h2->pair = NULL;
	ng_hook_unlink(h1);
	ng_hook_unlink(h2);
	ng_notify_hook(p1, NETGRAPH_CMD_EV_HOOK_NEW);
	ng_notify_hook(p2, NETGRAPH_CMD_EV_HOOK_NEW);
	return 0;
}
EXPORT_SYMBOL_GPL(ng_bypass);

/**
 * ng_rmhook - remove a hook of a node
 * @node: the node (graph locked)
 * @name: the hook's name
 *
 * Return: 0, also when there is no such hook (FreeBSD's behaviour).
 */
int ng_rmhook(struct ng_node *node, const char *name)
{
	struct ng_hook *hook = ng_hook_find(node, name);

	if (hook)
		ng_hook_kill(hook);
	return 0;
}
