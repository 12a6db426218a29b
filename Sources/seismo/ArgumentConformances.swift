import ArgumentParser
import SeismoDetect
import SeismoEngine
import SeismoIngest

extension InputFormat: ExpressibleByArgument {}
extension TimestampPrecision: ExpressibleByArgument {}
extension OverflowPolicy: ExpressibleByArgument {}
extension DetectorChoice: ExpressibleByArgument {}
extension AnomalyDirection: ExpressibleByArgument {}
