@testable import SeismoDetect
import Testing
