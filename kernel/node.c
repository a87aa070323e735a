// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: nodes, their IDs and names, and the one teardown path.
 *
 * Every shutdown -- a shutdown message, a node dying with its last hook,
 * namespace deletion, module exit -- goes through ng_node_kill(), which
 * unlinks the node and its hooks at once, and ng_reap(), which runs when the
 * control operation releases the graph lock: it waits for one RCU grace
 * period per batch so that no packet is still inside a removed hook, then
 * calls the types' disconnect and shutdown methods and drops the core's
 * references.
 */
#include <kunit/visibility.h>
#include <linux/ctype.h>
#include <linux/netdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

#include "core.h"

static const struct rhashtable_params ng_names_params = {
	.key_len = NG_NODESIZ,
	.key_offset = offsetof(struct ng_node, name),
	.head_offset = offsetof(struct ng_node, name_link),
	.automatic_shrinking = true,
};

int ng_names_init(struct ng_net *ngn)
{
	return rhashtable_init(&ngn->names, &ng_names_params);
}

void ng_names_destroy(struct ng_net *ngn)
{
	rhashtable_destroy(&ngn->names);
}

void *ng_node_priv(const struct ng_node *node)
{
	return (void *)node->priv;
}
EXPORT_SYMBOL_GPL(ng_node_priv);

u32 ng_node_id(const struct ng_node *node)
{
	return node->id;
}
EXPORT_SYMBOL_GPL(ng_node_id);

const char *ng_node_name(const struct ng_node *node)
{
	return node->name;
}
EXPORT_SYMBOL_GPL(ng_node_name);

const struct ng_type *ng_node_type(const struct ng_node *node)
{
	return node->type;
}
EXPORT_SYMBOL_GPL(ng_node_type);

struct net *ng_node_net(const struct ng_node *node)
{
	return node->ngn->net;
}
EXPORT_SYMBOL_GPL(ng_node_net);

unsigned int ng_node_numhooks(const struct ng_node *node)
{
	return READ_ONCE(node->numhooks);
}
EXPORT_SYMBOL_GPL(ng_node_numhooks);

bool ng_node_valid(const struct ng_node *node)
{
	return !test_bit(NG_NODE_CLOSING, &node->flags);
}

void ng_node_get(struct ng_node *node)
{
	refcount_inc(&node->ref);
}

static void ng_node_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct ng_node, rcu));
}

/* The module reference an unpinned type's node does not keep. */
static void ng_node_unpinned_put(struct ng_type *type)
{
	if (type->unpinned)
		ng_type_put(type);
}

void ng_node_put(struct ng_node *node)
{
	struct ng_type *type = node->type;

	if (!refcount_dec_and_test(&node->ref))
		return;
	if (type->unpinned) {
		/*
		 * ORDER: the last touch of @type, whose module may go once
		 * the count is 0 (wake_up_var() only hashes the address).
		 */
		if (atomic_dec_and_test(&type->numnodes))
			wake_up_var(&type->numnodes);
	} else {
		atomic_dec(&type->numnodes);
		ng_type_put(type);
	}
	call_rcu(&node->rcu, ng_node_free_rcu);
}

/**
 * ng_node_new - create a node of @type in @ngn and initialise it
 * @ngn: the graph (locked)
 * @type: the type, with a module reference the node takes over (an
 *	unpinned type's node gives it back once made)
 * @init: initialiser run in place of the constructor; may be NULL
 * @arg: passed to @init
 * @nodep: the new node, valid until the graph lock is released
 * @extack: error reporting
 *
 * For types whose nodes are created by something other than mkpeer (the
 * socket type binds its nodes to a netlink socket); ng_node_make() is the
 * mkpeer form.
 *
 * Return:
 * * %0 - created; @init accepted it
 * * %-ENETDOWN - the namespace is going away
 * * %-ENOSPC - the namespace has ng_max_nodes nodes (counted in limit_hits)
 *   %-ENOMEM, %-EBUSY (no free ID), or @init's error
 *
 * On error the type reference is dropped.
 */
int ng_node_new(struct ng_net *ngn, struct ng_type *type,
		int (*init)(struct ng_node *node, void *arg), void *arg,
		struct ng_node **nodep, struct netlink_ext_ack *extack)
{
	struct ng_node *node;
	int err;

	lockdep_assert_held(&ngn->lock);
	if (ngn->dying) {
		ng_type_put(type);
		return -ENETDOWN;
	}
	if (ngn->numnodes >= READ_ONCE(ng_max_nodes)) {
		atomic64_inc(&ngn->limit_hits);
		NG_ERR(extack, "the namespace has as many nodes as max_nodes allows",
		       "the namespace has %u nodes, the module parameter max_nodes",
		       ngn->numnodes);
		ng_type_put(type);
		return -ENOSPC;
	}
	node = kzalloc(struct_size(node, priv, type->node_priv_size),
		       GFP_KERNEL_ACCOUNT);
	if (!node) {
		ng_type_put(type);
		return -ENOMEM;
	}
	node->type = type;
	node->ngn = ngn;
	INIT_LIST_HEAD(&node->hooks);
	INIT_LIST_HEAD(&node->dying_link);
	INIT_LIST_HEAD(&node->async_link);
	refcount_set(&node->ref, 1);
	atomic_inc(&type->numnodes);

	err = xa_alloc_cyclic(&ngn->nodes, &node->id, node,
			      XA_LIMIT(1, U32_MAX), &ngn->next_id, GFP_KERNEL);
	if (err < 0) {
		NL_SET_ERR_MSG(extack, "out of node IDs");
		ng_node_put(node);
		ng_node_unpinned_put(type);
		return err == -EBUSY ? -EBUSY : -ENOMEM;
	}
	ngn->numnodes++;
	ngn->gen++;

	err = init ? init(node, arg) : 0;
	if (err) {
		/* Never published: remove without the teardown methods. */
		xa_erase(&ngn->nodes, node->id);
		ngn->numnodes--;
		ng_node_put(node);
		ng_node_unpinned_put(type);
		return err;
	}
	/*
	 * An unpinned type's node gives the module reference back once made
	 * (it is counted: the module's exit removes it and waits); until
	 * then the module could not start going while its code ran.
	 */
	ng_node_unpinned_put(type);
	/* (its name, if the constructor gave one, goes with this event) */
	set_bit(NG_NODE_PUBLISHED, &node->flags);
	ng_notify_node(node, NETGRAPH_CMD_EV_NODE_NEW);
	*nodep = node;
	return 0;
}

static int ng_node_construct(struct ng_node *node, void *unused)
{
	return node->type->constructor(node);
}

/**
 * ng_node_make - create a node of @type in @ngn (mkpeer)
 * @ngn: the graph (locked)
 * @type: the type, with a module reference the node takes over
 * @nodep: the new node, valid until the graph lock is released
 * @extack: error reporting
 *
 * Return:
 * * %0 - created; the constructor accepted it
 * * %-EINVAL - the type has no constructor
 *   others as for ng_node_new()
 *
 * On error the type reference is dropped.
 */
int ng_node_make(struct ng_net *ngn, struct ng_type *type,
		 struct ng_node **nodep, struct netlink_ext_ack *extack)
{
	if (!type->constructor) {
		NL_SET_ERR_MSG(extack, "this node type cannot be created by mkpeer");
		ng_type_put(type);
		return -EINVAL;
	}
	return ng_node_new(ngn, type, ng_node_construct, NULL, nodep, extack);
}

int ng_make_node(struct ng_node *here, struct ng_type *type,
		 struct ng_node **nodep, struct netlink_ext_ack *extack)
{
	lockdep_assert_held(&here->ngn->lock);
	if (!try_module_get(type->owner))
		return -ENXIO;
	/* ng_node_make() takes the module reference over */
	return ng_node_make(here->ngn, type, nodep, extack);
}
EXPORT_SYMBOL_GPL(ng_make_node);

int ng_make_node_in(struct net *net, struct ng_type *type,
		    int (*init)(struct ng_node *node, void *arg), void *arg)
{
	struct ng_net *ngn = ng_net_get(net);
	struct ng_node *node;
	int err;

	might_sleep();
	if (!try_module_get(type->owner))
		return -ENXIO;
	ng_net_lock(ngn);
	ngn->req_cred = NULL;		/* for nobody */
	/* ng_node_new() takes the module reference over */
	err = ng_node_new(ngn, type, init, arg, &node, NULL);
	ng_net_unlock(ngn);
	return err;
}
EXPORT_SYMBOL_GPL(ng_make_node_in);

int ng_name_node(struct ng_node *node, const char *name)
{
	return ng_node_set_name(node, name, NULL);
}
EXPORT_SYMBOL_GPL(ng_name_node);

struct ng_node *ng_node_by_id(struct ng_net *ngn, u32 id)
{
	struct ng_node *node;

	lockdep_assert_held(&ngn->lock);
	node = xa_load(&ngn->nodes, id);
	return node && ng_node_valid(node) ? node : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(ng_node_by_id);

struct ng_node *ng_node_by_name(struct ng_net *ngn, const char *name)
{
	char key[NG_NODESIZ] = {};
	struct ng_node *node;

	lockdep_assert_held(&ngn->lock);
	if (strscpy(key, name, sizeof(key)) < 0)
		return NULL;
	node = rhashtable_lookup_fast(&ngn->names, key, ng_names_params);
	return node && ng_node_valid(node) ? node : NULL;
}

/**
 * ng_decode_id - parse FreeBSD's "[hexid]" node reference
 * @s: the string, without the trailing ':'
 * @id: the ID on success
 *
 * Return: true if @s has the form "[<hex>]" with a non-zero value.
 */
bool ng_decode_id(const char *s, u32 *id)
{
	char buf[NG_NODESIZ];
	size_t len = strnlen(s, NG_NODESIZ);

	if (len < 3 || len >= NG_NODESIZ || s[0] != '[' || s[len - 1] != ']')
		return false;
	memcpy(buf, s + 1, len - 2);
	buf[len - 2] = '\0';
	if (!isxdigit(buf[0]) || kstrtou32(buf, 16, id))
		return false;
	return *id != 0;
}
EXPORT_SYMBOL_IF_KUNIT(ng_decode_id);

/**
 * ng_name_check - FreeBSD's rules for a node name
 * @name: candidate
 * @extack: error reporting
 *
 * Return: 0, or -EINVAL if @name is empty, 32 or more characters long,
 * contains '.' or ':', or has the form of an ID reference "[hex]".
 */
int ng_name_check(const char *name, struct netlink_ext_ack *extack)
{
	size_t len = strnlen(name, NG_NODESIZ);
	u32 id;

	if (len == 0) {
		NL_SET_ERR_MSG(extack, "node name is empty");
		return -EINVAL;
	}
	if (len >= NG_NODESIZ) {
		NL_SET_ERR_MSG(extack, "node name longer than 31 characters");
		return -EINVAL;
	}
	if (strpbrk(name, ".:")) {
		NL_SET_ERR_MSG(extack, "node name contains '.' or ':'");
		return -EINVAL;
	}
	if (ng_decode_id(name, &id)) {
		NL_SET_ERR_MSG(extack, "node name has the form of an ID \"[hex]\"");
		return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ng_name_check);

/**
 * ng_node_set_name - name or rename a node
 * @node: the node (graph locked)
 * @name: the new name
 * @extack: error reporting
 *
 * Return:
 * * %0 - named (or already had that name)
 * * %-EINVAL - @name breaks the naming rules
 * * %-EADDRINUSE - another node of the namespace has that name
 *   %-ENOMEM
 */
int ng_node_set_name(struct ng_node *node, const char *name,
		     struct netlink_ext_ack *extack)
{
	struct ng_net *ngn = node->ngn;
	char old[NG_NODESIZ];
	struct ng_node *other;
	int err;

	lockdep_assert_held(&ngn->lock);
	err = ng_name_check(name, extack);
	if (err)
		return err;
	if (!strcmp(node->name, name))
		return 0;
	other = ng_node_by_name(ngn, name);
	if (other) {
		NG_ERR(extack, "node name already in use",
		       "node name \"%s\" already in use by [%x]", name,
		       other->id);
		return -EADDRINUSE;
	}
	memcpy(old, node->name, sizeof(old));
	if (old[0])
		rhashtable_remove_fast(&ngn->names, &node->name_link,
				       ng_names_params);
	memset(node->name, 0, sizeof(node->name));
	strscpy(node->name, name, sizeof(node->name));
	err = rhashtable_insert_fast(&ngn->names, &node->name_link,
				     ng_names_params);
	if (err) {
		memcpy(node->name, old, sizeof(old));
		if (old[0] && rhashtable_insert_fast(&ngn->names,
						     &node->name_link,
						     ng_names_params))
			memset(node->name, 0, sizeof(node->name));
		return err;
	}
	ngn->gen++;
	if (test_bit(NG_NODE_PUBLISHED, &node->flags))
		ng_notify_node(node, NETGRAPH_CMD_EV_NODE_NAMED);
	return 0;
}

void ng_node_info(const struct ng_node *node, struct nodeinfo *ni)
{
	memset(ni, 0, sizeof(*ni));
	strscpy(ni->name, node->name, sizeof(ni->name));
	strscpy(ni->type, node->type->name, sizeof(ni->type));
	ni->id = node->id;
	ni->hooks = node->numhooks;
}

/**
 * ng_node_kill - start shutting a node down
 * @node: the node (graph locked)
 *
 * Calls the type's close method, removes every hook and queues the node for
 * ng_reap().  The node disappears from lookups at once.  Killing a node
 * twice is harmless.
 */
void ng_node_kill(struct ng_node *node)
{
	struct ng_net *ngn = node->ngn;
	struct ng_hook *hook, *tmp;

	lockdep_assert_held(&ngn->lock);
	if (test_and_set_bit(NG_NODE_CLOSING, &node->flags))
		return;
	if (node->type->close)
		node->type->close(node);
	list_for_each_entry_safe(hook, tmp, &node->hooks, link)
		ng_hook_kill(hook);
	ngn->gen++;
	ng_node_get(node);
	list_add_tail(&node->dying_link, &ngn->dying_nodes);
}

/**
 * ng_node_shutdown - a user's shutdown of a node
 * @node: the node (graph locked)
 *
 * NGM_SHUTDOWN and netlink's shutdown: ng_node_kill(), except that a node
 * of a persistent type (one with a reset method) only loses its hooks, is
 * reset and stays, as FreeBSD's nodes that revive themselves in their
 * shutdown method (ether).
 */
void ng_node_shutdown(struct ng_node *node)
{
	struct ng_hook *hook, *tmp;

	lockdep_assert_held(&node->ngn->lock);
	if (!node->type->reset) {
		ng_node_kill(node);
		return;
	}
	list_for_each_entry_safe(hook, tmp, &node->hooks, link)
		ng_hook_kill(hook);
	node->type->reset(node);
}

/**
 * ng_reap - finish the teardowns of the current control operation
 * @ngn: the graph (locked)
 *
 * Removed hooks first wait for an RCU grace period, so that no rcvdata is
 * running on them, then get their node's disconnect; dying nodes then get
 * shutdown and leave the ID and name tables.  disconnect and shutdown may
 * kill more nodes and hooks; the loop runs until nothing is left.
 */
void ng_reap(struct ng_net *ngn)
{
	LIST_HEAD(hooks);
	LIST_HEAD(nodes);
	struct ng_hook *hook, *htmp;
	struct ng_node *node, *ntmp;

	lockdep_assert_held(&ngn->lock);
	while (!list_empty(&ngn->dying_hooks) ||
	       !list_empty(&ngn->dying_nodes)) {
		list_splice_init(&ngn->dying_hooks, &hooks);
		list_splice_init(&ngn->dying_nodes, &nodes);
		if (!list_empty(&hooks))
			synchronize_net();

		list_for_each_entry_safe(hook, htmp, &hooks, dying_link) {
			struct ng_node *owner = hook->node;

			list_del_init(&hook->dying_link);
			if (owner->type->disconnect)
				owner->type->disconnect(hook);
			ng_hook_put(hook);
		}
		list_for_each_entry_safe(node, ntmp, &nodes, dying_link) {
			list_del_init(&node->dying_link);
			if (node->type->shutdown)
				node->type->shutdown(node);
			if (node->name[0])
				rhashtable_remove_fast(&ngn->names,
						       &node->name_link,
						       ng_names_params);
			xa_erase(&ngn->nodes, node->id);
			ngn->numnodes--;
			ng_notify_node(node, NETGRAPH_CMD_EV_NODE_DEL);
			ng_node_put(node);	/* ng_node_kill()'s */
			ng_node_put(node);	/* creation's */
		}
	}
}
