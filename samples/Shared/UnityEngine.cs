// Unity cannot be referenced or run here: this stub carries the exact full names the rules key on
// (UnityEngine.MonoBehaviour), so the galleries show how Unity code is judged.
namespace UnityEngine
{
    public class Object { }

    public class Component : Object { }

    public class Behaviour : Component { }

    public class MonoBehaviour : Behaviour { }
}
