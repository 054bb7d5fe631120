"""Filters of the eipfailover_agent role: the agent's settings as a flat key -> value map, and the
decision whether a configuration change needs a restart or only a reload (SIGHUP)."""

from ansible.errors import AnsibleFilterError


def eipfailover_settings(topology, cluster_name, node_id, key_file, settings):
    """All keys of agent.properties: the role's own, the topology's, then the user's settings
    (a user value of None removes the key). Values are strings, as in the file."""
    out = {
        "cluster.name": cluster_name,
        "node.id": node_id,
        "membership.key-file": key_file,
    }
    source = (topology or {}).get("source", "tags")
    if source == "tags":
        out["topology.source"] = "tags"
    elif source == "explicit":
        out.update(_explicit_topology(topology))
    else:
        raise AnsibleFilterError(
            "eipfailover_agent_topology.source must be tags or explicit, was %r" % (source,))
    for key, value in (settings or {}).items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = _text(value)
    return out


def _explicit_topology(topology):
    nodes = topology.get("nodes") or {}
    eips = topology.get("eips") or {}
    if not nodes or not eips:
        raise AnsibleFilterError(
            "eipfailover_agent_topology with source explicit needs nodes and eips")
    out = {"topology.nodes": ",".join(sorted(nodes))}
    for node_id, node in sorted(nodes.items()):
        for field in ("eni", "home_ips"):
            if not node.get(field):
                raise AnsibleFilterError(
                    "eipfailover_agent_topology.nodes.%s.%s is required" % (node_id, field))
        out["topology.node.%s.eni" % node_id] = node["eni"]
        out["topology.node.%s.home-ips" % node_id] = _text(node["home_ips"])
        if node.get("reserved_ips"):
            out["topology.node.%s.reserved-ips" % node_id] = _text(node["reserved_ips"])
    for allocation_id, eip in sorted(eips.items()):
        out["topology.eip.%s.public-ip" % allocation_id] = eip["public_ip"]
        out["topology.eip.%s.home" % allocation_id] = eip["home"]
    return out


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return str(value)


def eipfailover_properties(text):
    """Parses the simple properties files this role writes: key = value lines, # or ! comments."""
    out = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        cut = min([i for i in (line.find("="), line.find(":")) if i >= 0] or [len(line)])
        out[line[:cut].strip()] = line[cut + 1:].strip()
    return out


def eipfailover_restart_keys(old, new, reloadable):
    """The changed keys a reload cannot apply, sorted; empty when a reload suffices or nothing
    changed. No old file (first install) needs no restart: the service starts fresh."""
    if not old:
        return []
    changed = [k for k in set(old) | set(new) if old.get(k) != new.get(k)]
    return sorted(k for k in changed if k not in set(reloadable))


class FilterModule:
    def filters(self):
        return {
            "eipfailover_settings": eipfailover_settings,
            "eipfailover_properties": eipfailover_properties,
            "eipfailover_restart_keys": eipfailover_restart_keys,
        }
