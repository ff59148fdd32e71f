"""CloudFormation's intrinsic functions, resolved against the created stack."""

import re

# What Ref AWS::NoValue resolves to: the property or list item is left out.
NO_VALUE = object()


class Resolver:
    """Resolves the intrinsic functions of (part of) the translated template against the created stack:
    enough of CloudFormation's semantics for the properties this rehearsal re-creates or compares."""

    def __init__(self, template, values, pseudo, physical, get_att):
        self.t = template
        self.values = values
        self.pseudo = pseudo
        self.physical = physical
        self.get_att = get_att
        self.conditions = {}
        for name, expr in template.get("Conditions", {}).items():
            self.conditions[name] = self.condition(expr)

    def condition(self, expr):
        if isinstance(expr, dict) and len(expr) == 1:
            (fn, arg), = expr.items()
            if fn == "Condition":
                if arg not in self.conditions:
                    self.conditions[arg] = self.condition(self.t["Conditions"][arg])
                return self.conditions[arg]
            if fn == "Fn::Not":
                return not self.condition(arg[0])
            if fn == "Fn::And":
                return all(self.condition(a) for a in arg)
            if fn == "Fn::Or":
                return any(self.condition(a) for a in arg)
            if fn == "Fn::Equals":
                a, b = (self.resolve(x) for x in arg)
                return str(a) == str(b)
        raise ValueError(f"unsupported condition {expr!r}")

    def ref(self, name):
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.values:
            return self.values[name]
        if name in self.physical:
            return self.physical[name]
        raise KeyError(f"Ref {name}: unknown")

    def sub(self, text, local):
        def repl(m):
            key = m.group(1)
            if key.startswith("!"):
                return "${" + key[1:] + "}"
            if key in local:
                return str(local[key])
            if "." in key:
                res, att = key.split(".", 1)
                return str(self.get_att(res, att))
            return str(self.ref(key))
        return re.sub(r"\$\{([^}]+)\}", repl, text)

    def resolve(self, node):
        if isinstance(node, list):
            out = [self.resolve(x) for x in node]
            return [x for x in out if x is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (fn, arg), = node.items()
            if fn == "Ref":
                return NO_VALUE if arg == "AWS::NoValue" else self.ref(arg)
            if fn == "Fn::Sub":
                if isinstance(arg, list):
                    local = {k: self.resolve(v) for k, v in arg[1].items()}
                    return self.sub(arg[0], local)
                return self.sub(arg, {})
            if fn == "Fn::GetAtt":
                res, att = arg if isinstance(arg, list) else arg.split(".", 1)
                return self.get_att(res, att)
            if fn == "Fn::If":
                return self.resolve(arg[1] if self.conditions[arg[0]] else arg[2])
            if fn == "Fn::FindInMap":
                m, k1, k2 = (self.resolve(a) for a in arg)
                return self.t["Mappings"][m][k1][k2]
            if fn == "Fn::Join":
                return arg[0].join(str(x) for x in self.resolve(arg[1]))
            if fn.startswith("Fn::") or fn == "Condition":
                raise ValueError(f"unsupported intrinsic {fn}")
        out = {k: self.resolve(v) for k, v in node.items()}
        return {k: v for k, v in out.items() if v is not NO_VALUE}

