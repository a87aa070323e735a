// SPDX-License-Identifier: GPL-2.0
/*
 * netgraph for Linux: the registry of node types.
 *
 * Types are global (one registry for every network namespace).  Each node
 * holds a reference on its type's module, so a type module cannot be
 * unloaded while it has nodes; an unpinned type's nodes do not, and its
 * module's exit removes them (ng_type_drain()).
 */
#include <linux/kmod.h>
#include <linux/string.h>
#include <linux/wait_bit.h>

#include "core.h"

static LIST_HEAD(ng_types);
static DEFINE_MUTEX(ng_types_lock);

static struct ng_type *ng_type_lookup(const char *name)
{
	struct ng_type *t;

	lockdep_assert_held(&ng_types_lock);
	list_for_each_entry(t, &ng_types, list)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* Type names double as module names (ng_<type>): keep them plain. */
static bool ng_type_name_ok(const char *name)
{
	size_t len = strnlen(name, NG_TYPESIZ);
	size_t i;

	if (len == 0 || len >= NG_TYPESIZ)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(name[i]) && name[i] != '_' && name[i] != '-')
			return false;
	return true;
}

/**
 * ng_type_register - make a node type available
 * @type: the method table; must stay valid until ng_type_unregister()
 *
 * Return:
 * * %0 - registered
 * * %-EINVAL - bad name or no rcvdata/owner-less table
 * * %-EEXIST - a type of that name is already registered
 */
int ng_type_register(struct ng_type *type)
{
	int err = 0;

	if (!ng_type_name_ok(type->name)) {
		pr_err("netgraph: bad type name \"%s\"\n", type->name);
		return -EINVAL;
	}
	atomic_set(&type->numnodes, 0);
	mutex_lock(&ng_types_lock);
	if (ng_type_lookup(type->name))
		err = -EEXIST;
	else
		list_add_tail(&type->list, &ng_types);
	mutex_unlock(&ng_types_lock);
	return err;
}
EXPORT_SYMBOL_GPL(ng_type_register);

/**
 * ng_type_unregister - withdraw a node type
 * @type: a registered type
 *
 * Called from the type module's exit, which cannot run while nodes of the
 * type exist (each node holds a module reference), or from a load that
 * failed once the type was registered.  An unpinned type's exit has asked
 * its nodes to go; those a lookup made meanwhile (a refused mkpeer) are
 * waited for here.
 */
void ng_type_unregister(struct ng_type *type)
{
	mutex_lock(&ng_types_lock);
	list_del(&type->list);
	mutex_unlock(&ng_types_lock);
	if (type->unpinned)
		ng_type_drain(type);
	WARN_ON(atomic_read(&type->numnodes));
}
EXPORT_SYMBOL_GPL(ng_type_unregister);

void ng_type_drain(struct ng_type *type)
{
	/* (a node that never goes is a leak: say so rather than hang mute) */
	while (!wait_var_event_timeout(&type->numnodes,
				       !atomic_read(&type->numnodes), 10 * HZ))
		pr_warn("type %s: waiting for %d node(s) to go\n", type->name,
			atomic_read(&type->numnodes));
}
EXPORT_SYMBOL_GPL(ng_type_drain);

static struct ng_type *ng_type_try_get(const char *name)
{
	struct ng_type *t;

	mutex_lock(&ng_types_lock);
	t = ng_type_lookup(name);
	if (t && !try_module_get(t->owner))
		t = NULL;
	mutex_unlock(&ng_types_lock);
	return t;
}

/**
 * ng_type_find_get - look up a type by name and pin its module
 * @name: type name
 * @autoload: when the type is unknown, load the module with the alias
 *	"netgraph-type-<name>" (NG_TYPE_MODULE); the name was checked
 *	(1..31 characters of [A-Za-z0-9_-])
 *
 * Return: the type with a module reference held, or NULL.
 */
struct ng_type *ng_type_find_get(const char *name, bool autoload)
{
	struct ng_type *t;

	if (!ng_type_name_ok(name))
		return NULL;
	t = ng_type_try_get(name);
	if (!t && autoload) {
		request_module("netgraph-type-%s", name);
		t = ng_type_try_get(name);
	}
	return t;
}

void ng_type_put(struct ng_type *type)
{
	module_put(type->owner);
}

/*
 * Call @fn on each registered type after the first @skip; stops at the first
 * non-zero return.  Return: how many types @fn accepted.
 */
int ng_type_dump(int (*fn)(const struct ng_type *type, void *arg),
		 void *arg, unsigned int skip)
{
	struct ng_type *t;
	int n = 0;

	mutex_lock(&ng_types_lock);
	list_for_each_entry(t, &ng_types, list) {
		if (skip) {
			skip--;
			continue;
		}
		if (fn(t, arg))
			break;
		n++;
	}
	mutex_unlock(&ng_types_lock);
	return n;
}
