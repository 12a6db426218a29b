import ArgumentParser
import SeismoEngine
import SeismoIngest

extension InputFormat: ExpressibleByArgument {}
extension TimestampPrecision: ExpressibleByArgument {}
extension OverflowPolicy: ExpressibleByArgument {}
