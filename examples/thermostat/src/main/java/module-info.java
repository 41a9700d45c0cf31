/** A thermostat device and its app, on the module path: only what dev.edgepair exports is reachable. */
module example.thermostat {
    requires dev.edgepair;
}
