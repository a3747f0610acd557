<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.16" styleCategories="Symbology|Labeling|Temporal" labelsEnabled="1">
  <renderer-v2 type="categorizedSymbol" attr="kind" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category render="true" value="training_ground" symbol="0" label="training ground"/>
      <category render="true" value="base" symbol="1" label="base"/>
      <category render="true" value="city" symbol="2" label="city"/>
      <category render="true" value="capital" symbol="3" label="capital"/>
      <category render="true" value="port" symbol="4" label="port"/>
      <category render="true" value="sea_area" symbol="5" label="sea area"/>
      <category render="true" value="region" symbol="6" label="region"/>
      <category render="true" value="airfield" symbol="7" label="airfield"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="215,48,31,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="152,78,163,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="2" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="82,82,82,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="3" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="0,0,0,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="4" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="33,113,181,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="5" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="65,182,196,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="6" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="253,141,60,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
      <symbol type="marker" name="7" alpha="1" clip_to_extent="1" force_rhr="0"><layer class="SimpleMarker" enabled="1" pass="0" locked="0"><Option type="Map"><Option name="color" type="QString" value="115,115,115,255"/><Option name="name" type="QString" value="circle"/><Option name="size" type="QString" value="3.2"/><Option name="outline_color" type="QString" value="255,255,255,255"/><Option name="outline_width" type="QString" value="0.4"/></Option></layer></symbol>
    </symbols>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName="&quot;name&quot;" isExpression="1" fontSize="10" textColor="20,20,20,255" fontFamily="DejaVu Sans" namedStyle="Regular"/>
      <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.9"/>
      <placement placement="0" dist="1.5" priority="10"/>
      <rendering displayAll="1" obstacle="1" obstacleFactor="1" upsidedownLabels="0"/>
      <dd_properties><Option type="Map"><Option type="QString" name="name" value=""/><Option type="Map" name="properties"><Option type="Map" name="Priority"><Option type="bool" name="active" value="true"/><Option type="QString" name="expression" value="if(&quot;event_count&quot; &gt; 0, 10, 6)"/><Option type="int" name="type" value="3"/></Option></Option><Option type="QString" name="type" value="collection"/></Option></dd_properties>
    </settings>
  </labeling>
  <layerGeometryType>0</layerGeometryType>
</qgis>
